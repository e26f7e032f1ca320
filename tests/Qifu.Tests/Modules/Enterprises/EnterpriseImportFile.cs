using MiniExcelLibs;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Modules.Enterprises;

/// <summary>
/// Generates a valid 批量导入 workbook of any size: unique credit codes with correct check characters (Platform/Standards),
/// every county-level region, every industry division, sizes from 微型 to 大型. Used by the bulk tests and the 100,000-row
/// benchmark (decision 0019).
/// </summary>
public static class EnterpriseImportFile
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Regions an enterprise can operate in (the city itself is not a 经营所在区县).</summary>
    public static readonly Region[] Regions = RegionCodes.Hengyang.Where(r => r.Code != RegionCodes.City).ToArray();

    /// <summary>
    /// <paramref name="rows"/> valid rows; <paramref name="region"/> pins every row to one region. Credit codes start from a
    /// random offset so that several files in one database do not collide.
    /// </summary>
    public static List<EnterpriseImportRow> Rows(int rows, string? region = null)
    {
        var offset = (long)Random.Shared.Next(0, 800_000_000);
        var divisions = Industries.Divisions;
        var list = new List<EnterpriseImportRow>(rows);
        for (var i = 0; i < rows; i++)
        {
            var r = region is null ? Regions[i % Regions.Length] : Regions.Single(x => x.Code == region);
            var division = divisions[i % divisions.Count];
            list.Add(new EnterpriseImportRow
            {
                Name = $"{r.Name}批量导入{i + 1:D6}号有限公司",
                CreditCode = CodeFor(r.Code, offset + i),
                LegalRepresentative = LegalNames[i % LegalNames.Length],
                Region = r.Name,
                IndustryDivision = division.Code,
                Employees = ((i * 37) % 1200).ToString(),
                RevenueWan = ((i * 53) % 90_000 + 0.5m).ToString(System.Globalization.CultureInfo.InvariantCulture),
                AssetsWan = ((i * 71) % 120_000).ToString(),
                ContactName = ContactNames[i % ContactNames.Length],
                ContactPhone = "139" + (10_000_000 + i % 89_999_999).ToString(),
            });
        }
        return list;
    }

    public static byte[] Workbook(IEnumerable<EnterpriseImportRow> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    /// <summary>A valid 18-character code for the region, unique per <paramref name="n"/> (below 31^6).</summary>
    public static string CodeFor(string region, long n)
    {
        Span<char> body = stackalloc char[8];
        body[0] = 'M';
        body[1] = 'A';
        for (var k = 7; k >= 2; k--)
        {
            body[k] = Alphabet[(int)(n % 31)];
            n /= 31;
        }
        var b = new string(body);
        var first17 = "91" + region + b + CreditCode.ComputeOrgCodeCheckCharacter(b);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>The same code with a wrong check character (the 18th).</summary>
    public static string WithBadCheckCharacter(string code) =>
        code[..17] + Alphabet[(Alphabet.IndexOf(code[17]) + 1) % 31];

    private static readonly string[] LegalNames = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨军", "赵敏", "黄磊", "周婷", "吴强"];
    private static readonly string[] ContactNames = ["邓小红", "谭志明", "罗丽", "曾文", "彭芳", "蒋涛", "唐慧", "欧阳东", "廖娟", "贺鹏"];
}
