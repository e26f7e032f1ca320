using System.Security.Cryptography;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Support;

public static class TestData
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A fresh valid credit code (both check characters right) for the given prefix and region.</summary>
    public static string CreditCodeFor(string region = "430405", string prefix = "91")
    {
        var body = "MA" + string.Concat(Enumerable.Range(0, 6).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(31)]));
        var first17 = prefix + region + body + CreditCode.ComputeOrgCodeCheckCharacter(body);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    public static string Mobile() => "15" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999);

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static Dictionary<string, string> EnterpriseForm(string creditCode, string phone, string region = "430405", string name = "衡阳测试机械有限公司") => new()
    {
        ["Input.Phone"] = phone,
        ["Input.Password"] = "Strong-Pass-2026",
        ["Input.CreditCode"] = creditCode,
        ["Input.Name"] = name,
        ["Input.LegalRepresentative"] = "张三",
        ["Input.RegionCode"] = region,
        ["Input.IndustryDivision"] = "34",
        ["Input.Employees"] = "120",
        ["Input.RevenueWan"] = "1500",
        ["Input.AssetsWan"] = "2000",
        ["Input.ContactName"] = "李四",
        ["Input.ContactPhone"] = "13912345678",
        ["Input.Consent"] = "true",
    };
}
