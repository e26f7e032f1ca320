using Microsoft.Playwright;
using MiniExcelLibs;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Platform.Standards;

namespace Qifu.BrowserTests.Pages;

/// <summary>企业导入 (/review/enterprises/import) and a 导入任务 page (/review/enterprises/imports/{id}).</summary>
public sealed class ImportJobPages(IPage page)
{
    public ILocator File => page.GetByLabel(new System.Text.RegularExpressions.Regex("^Excel 文件"));
    public ILocator CheckButton => page.GetByRole(AriaRole.Button, new() { Name = "上传并校验" });
    public ILocator Status => page.Locator("#job-status");
    public ILocator Errors => page.Locator("table[aria-labelledby=errors] tbody tr");
    public ILocator Flash => page.Locator(".flash");

    public async Task OpenImportAsync() => await page.GotoAsync("/review/enterprises/import");

    public async Task UploadAsync(string name, byte[] workbook)
    {
        await File.SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook,
        });
        await CheckButton.ClickAsync();
    }

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary><paramref name="rows"/> valid 衡阳县 rows (unique credit codes), as the import template.</summary>
    public static List<EnterpriseImportRow> Rows(int rows)
    {
        var offset = Random.Shared.Next(0, 800_000_000);
        var list = new List<EnterpriseImportRow>(rows);
        for (var i = 0; i < rows; i++)
        {
            long n = offset + i;
            var body = new char[8];
            body[0] = 'M';
            body[1] = 'A';
            for (var k = 7; k >= 2; k--) { body[k] = Alphabet[(int)(n % 31)]; n /= 31; }
            var b = new string(body);
            var first17 = "91430421" + b + CreditCode.ComputeOrgCodeCheckCharacter(b);
            list.Add(new EnterpriseImportRow
            {
                Name = $"衡阳县后台导入{i + 1:D5}号有限公司", CreditCode = first17 + CreditCode.ComputeCheckCharacter(first17), LegalRepresentative = "王建国",
                Region = "衡阳县", IndustryDivision = "13", Employees = "25", RevenueWan = "600", AssetsWan = "800", ContactName = "李秀英",
                ContactPhone = "13900000000",
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
}
