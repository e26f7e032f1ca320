using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Modules.Enterprises.ReviewEnterprises;
using Qifu.Web.Platform.Registration;

namespace Qifu.Tests.Modules.Enterprises;

[Collection(SharedApp.Name)]
public sealed partial class ExportImportTests(QifuApp app)
{
    private static byte[] Workbook(IEnumerable<EnterpriseImportRow> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    private static EnterpriseImportRow Row(string code, string region = "衡阳县", string name = "衡阳县导入测试有限公司") => new()
    {
        Name = name, CreditCode = code, LegalRepresentative = "周某", Region = region, IndustryDivision = "13",
        Employees = "25", RevenueWan = "600", AssetsWan = "800", ContactName = "吴某", ContactPhone = "13700000000",
    };

    [Fact]
    public async Task A_county_export_holds_only_its_region_with_masked_phones_and_is_audited()
    {
        var client = await app.SignedInAsync(Http.HengyangCountyOperator);
        var response = await client.GetAsync("/review/enterprises?handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query<EnterpriseExportRow>().ToList();

        Assert.Equal(await app.WithDbAsync(db => db.Enterprises.CountAsync(e => e.RegionCode == "430421")), rows.Count);
        Assert.All(rows, r => Assert.Equal("衡阳县", r.Region));
        Assert.All(rows, r => Assert.Matches(MaskedMobile(), r.ContactPhone));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "导出" && a.ActorName == "刘芳")));
    }

    [Fact]
    public async Task An_import_with_bad_rows_lists_each_row_and_writes_nothing()
    {
        var good = TestData.CreditCodeFor("430421");
        var file = Workbook([Row(good), Row("91430421MA4Q7R2TX0", name: "校验码错误公司"), Row(good, name: "重复公司"), Row(TestData.CreditCodeFor("430405"), "珠晖区", "越权公司")]);
        var before = await app.WithDbAsync(db => db.Enterprises.CountAsync());
        var client = await app.SignedInAsync(Http.HengyangCountyOperator);

        var response = await client.PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import", ("Upload", "企业.xlsx", file));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("第 3 行", html);
        Assert.Contains("校验码不正确，请核对", html);
        Assert.Contains("与第4行重复", html);
        Assert.Contains("与第2行重复", html);
        Assert.Contains("超出您的数据范围", html);
        Assert.Contains("未写入任何数据", html);
        Assert.DoesNotContain("handler=Confirm", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Enterprises.CountAsync()));
    }

    [Fact]
    public async Task A_valid_import_is_previewed_then_written_whole_on_confirmation()
    {
        var codes = new[] { TestData.CreditCodeFor("430421"), TestData.CreditCodeFor("430421") };
        var file = Workbook([Row(codes[0], name: "衡阳县导入一号有限公司"), Row(codes[1], name: "衡阳县导入二号有限公司")]);
        var client = await app.SignedInAsync(Http.HengyangCountyOperator);

        var check = await client.PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import", ("Upload", "企业.xlsx", file));
        var html = await check.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("校验通过：共 2 行", html);
        Assert.False(await app.WithDbAsync(db => db.Enterprises.AnyAsync(e => codes.Contains(e.CreditCode))), "nothing is written before confirmation");

        var token = TokenField().Match(html).Groups[1].Value;
        var confirm = await client.PostFormAsync("/review/enterprises/import?handler=Confirm", new() { ["Token"] = token }, "/review/enterprises/import");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var imported = await app.WithDbAsync(db => db.Enterprises.Where(e => codes.Contains(e.CreditCode)).ToListAsync());
        Assert.Equal(2, imported.Count);
        Assert.All(imported, e => Assert.Equal(RegistrationStatus.Approved, e.Status));
        Assert.All(imported, e => Assert.Equal("430421", e.RegionCode));

        // The same file again (IN-07): both rows are 已存在, skipped rather than refused, and there is nothing to confirm.
        var again = await client.PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import", ("Upload", "企业.xlsx", file));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var againHtml = await again.Content.ReadAsStringAsync();
        Assert.Contains("校验通过：共 2 行，0 条新增，2 条已存在", againHtml);
        Assert.DoesNotContain("handler=Confirm", againHtml);
        Assert.Equal(2, await app.WithDbAsync(db => db.Enterprises.CountAsync(e => codes.Contains(e.CreditCode))));
    }

    [Fact]
    public async Task A_file_that_is_not_the_template_is_refused()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new { 名称 = "x", 代码 = "y" } });
        var client = await app.SignedInAsync(Http.CityOperator);
        var response = await client.PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import", ("Upload", "x.xlsx", stream.ToArray()));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("模板不匹配，请下载最新模板", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^1[3-9]\d\*{4}\d{4}$")]
    private static partial Regex MaskedMobile();

    [GeneratedRegex("name=\"Token\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex TokenField();
}

[Collection(SharedApp.Name)]
public sealed class ClaimImportedEnterpriseTests(QifuApp app)
{
    [Fact]
    public async Task Registering_with_an_imported_enterprises_credit_code_claims_it_for_review()
    {
        var code = TestData.CreditCodeFor("430421");
        using (var stream = new MemoryStream())
        {
            stream.SaveAs(new[] { new EnterpriseImportRow { Name = "衡阳县待认领有限公司", CreditCode = code, LegalRepresentative = "谭某", Region = "衡阳县",
                IndustryDivision = "13", Employees = "30", RevenueWan = "900", AssetsWan = "700", ContactName = "谭某", ContactPhone = "13700000001" } });
            var op = await app.SignedInAsync(Http.HengyangCountyOperator);
            var check = await op.PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import", ("Upload", "x.xlsx", stream.ToArray()));
            var token = System.Text.RegularExpressions.Regex.Match(await check.Content.ReadAsStringAsync(), "name=\"Token\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
            await op.PostFormAsync("/review/enterprises/import?handler=Confirm", new() { ["Token"] = token }, "/review/enterprises/import");
        }
        var imported = await app.WithDbAsync(db => db.Enterprises.SingleAsync(e => e.CreditCode == code));
        Assert.Equal(RegistrationStatus.Approved, imported.Status);

        var phone = TestData.Mobile();
        var response = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, phone, "430421", "衡阳县待认领有限公司"), files: ("Licence", "l.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var claimed = await app.WithDbAsync(db => db.Enterprises.SingleAsync(e => e.CreditCode == code));
        Assert.Equal(imported.Id, claimed.Id);
        Assert.Equal(RegistrationStatus.Submitted, claimed.Status);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == phone && u.EnterpriseId == imported.Id)));

        // Once it has an account, the credit code is taken.
        var again = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile(), "430421"), files: ("Licence", "l.pdf", TestData.Pdf));
        Assert.Contains("该统一社会信用代码已注册，可找回账号", await again.Content.ReadAsStringAsync());
    }
}
