using System.Security.Cryptography;
using Qifu.Web.Platform.Demo;
using Qifu.Web.Platform.Standards;

namespace Qifu.BrowserTests;

/// <summary>What an enterprise types into the registration form.</summary>
public sealed record EnterpriseApplicant(
    string Phone, string Password, string CreditCode, string Name, string LegalRepresentative, string RegionName, string RegionCode,
    string IndustryDivision, int Employees, decimal RevenueWan, decimal AssetsWan, string ContactName, string ContactPhone);

/// <summary>What an institution types into the 入驻申请 form.</summary>
public sealed record InstitutionApplicant(
    string Phone, string Password, string CreditCode, string Name, string KindLabel, string RegionName, string RegionCode, int StaffCount,
    string[] Categories, string[] ServiceRegions, string FeePolicy, string Introduction, string ContactName, string ContactPhone);

public static class TestData
{
    public const string DemoPassword = DemoData.Password;
    public const string CityOperator = "13907340001";
    public const string ZhuhuiOperator = "13907340405";
    public const string HengyangCountyOperator = "13907340421";
    public const string ApprovedEnterprise = "13807340001";
    public const string DemoInstitution = "13707340001";

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string NameCharacters = "金银铜铁山水云风雷星月日光明华美新兴盛隆泰和顺达宏远";

    /// <summary>A fresh valid 统一社会信用代码 (both check characters right) registered in the given region.</summary>
    public static string CreditCodeFor(string region, string prefix = "91")
    {
        var body = "MA" + string.Concat(Enumerable.Range(0, 6).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
        var first17 = prefix + region + body + CreditCode.ComputeOrgCodeCheckCharacter(body);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>The same code with its last (check) character wrong.</summary>
    public static string WithWrongCheckCharacter(string code)
    {
        var wrong = Alphabet.First(c => c != code[^1]);
        return code[..^1] + wrong;
    }

    public static string Mobile() => "15" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999);

    /// <summary>Three random characters, so each journey finds its own record among everyone else's.</summary>
    public static string Tag() => string.Concat(Enumerable.Range(0, 3).Select(_ => NameCharacters[RandomNumberGenerator.GetInt32(NameCharacters.Length)]));

    /// <summary>A 珠晖区 (or other region) manufacturer: 120 staff, 1500万 revenue → 小型 under the 2017 rules for industry.</summary>
    public static EnterpriseApplicant Enterprise(string regionName = "珠晖区", string regionCode = "430405") => new(
        Phone: Mobile(),
        Password: "Strong-Pass-2026",
        CreditCode: CreditCodeFor(regionCode),
        Name: $"衡阳{Tag()}机械制造有限公司",
        LegalRepresentative: "张三",
        RegionName: regionName,
        RegionCode: regionCode,
        IndustryDivision: "34",
        Employees: 120,
        RevenueWan: 1500,
        AssetsWan: 2000,
        ContactName: "李四",
        ContactPhone: "13912345678");

    /// <summary>An accounting firm in 衡阳县 offering 财税融资 and 管理咨询 in 衡阳县 and 衡南县.</summary>
    public static InstitutionApplicant Institution(string regionName = "衡阳县", string regionCode = "430421") => new(
        Phone: Mobile(),
        Password: "Strong-Pass-2026",
        CreditCode: CreditCodeFor(regionCode),
        Name: $"衡阳{Tag()}会计师事务所有限公司",
        KindLabel: "一般服务机构",
        RegionName: regionName,
        RegionCode: regionCode,
        StaffCount: 25,
        Categories: ["财税融资", "管理咨询"],
        ServiceRegions: [regionName, "衡南县"],
        FeePolicy: "小微企业首次财税咨询免费，代理记账八折",
        Introduction: "提供审计、代理记账、税务筹划服务。",
        ContactName: "王会计",
        ContactPhone: "13912345679");

    /// <summary>Today in Hengyang (UTC+8), the day validity periods are counted in.</summary>
    public static DateOnly HengyangToday() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>A small but real PDF (starts with %PDF-) written to a temp file, as a user would pick from disk.</summary>
    public static string PdfFile(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"营业执照-{Guid.NewGuid():N}.pdf");
        File.WriteAllText(path,
            "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
            "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
        return path;
    }
}
