using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Registration;

namespace Qifu.Tests.Modules.Institutions;

[Collection(SharedApp.Name)]
public sealed class ApplyToJoinTests(QifuApp app)
{
    [Fact]
    public async Task An_institution_saves_a_draft_through_the_form_then_submits_it()
    {
        var code = TestData.CreditCodeFor("430421", "31");
        var phone = TestData.Mobile();
        var client = app.Browser();
        var fields = Applications.Fields(code, phone, "430421", "衡阳县明理律师事务所", "legal", "consulting");
        fields.Remove("Introduction");
        var draft = await client.PostFormAsync("/register/institution?handler=Draft", fields.AsForm(), "/register/institution",
            ("Qualifications", "执业许可证.pdf", TestData.Pdf), ("Qualifications", "资质证书.png", TestData.Png));

        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal("/institution", draft.Headers.Location?.OriginalString);
        var stored = await app.WithDbAsync(db => db.Institutions.AsNoTracking().SingleAsync(i => i.CreditCode == code));
        Assert.Equal(RegistrationStatus.Draft, stored.Status);
        Assert.Equal("consulting,legal", stored.Categories);
        Assert.Equal("430400,430421", stored.ServiceRegions);
        Assert.Equal(2, await app.WithDbAsync(db => db.Files.CountAsync(f => f.OwnerType == "institution" && f.OwnerId == stored.Id)));
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == phone));
        Assert.Equal(stored.Id, user.InstitutionId);

        var page = await client.GetStringAsync("/institution");
        Assert.Contains("草稿", page);
        Assert.Contains("执业许可证.pdf", page);
        Assert.Contains("13912345678", page); // the institution sees its own contact unmasked
        Assert.Contains("提交入驻申请", page);
        var fileLink = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/files/[0-9a-f-]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(fileLink)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(Http.HengyangCountyOperator)).GetAsync(fileLink)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync(Http.ZhuhuiOperator)).GetAsync(fileLink)).StatusCode);

        fields["Introduction"] = "专注企业合同与劳动用工法律服务";
        var submitted = await client.PostFormAsync("/institution?handler=Submit", fields.AsForm(), "/institution");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        stored = await app.WithDbAsync(db => db.Institutions.AsNoTracking().SingleAsync(i => i.CreditCode == code));
        Assert.Equal(RegistrationStatus.Submitted, stored.Status);
        Assert.Equal("专注企业合同与劳动用工法律服务", stored.Introduction);
        var after = await client.GetStringAsync("/institution");
        Assert.Contains("待审核", after);
        Assert.DoesNotContain("name=\"Input.CreditCode\"", after); // no longer editable
        var history = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "服务机构" && a.EntityId == stored.Id.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["保存入驻草稿", "修改后提交入驻申请"], history);
    }

    [Fact]
    public async Task An_institution_applies_through_the_api_and_a_duplicate_credit_code_is_refused()
    {
        var code = TestData.CreditCodeFor("430405", "52");
        var fields = Applications.Fields(code, TestData.Mobile(), "430405", null, "training");
        var created = await app.CreateClient().PostAsync("/api/v1/institutions/applications",
            Applications.Multipart(fields, ("a.pdf", TestData.Pdf), ("b.pdf", TestData.Pdf)));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Submitted", body.GetProperty("status").GetString());
        var stored = await app.WithDbAsync(db => db.Institutions.AsNoTracking().SingleAsync(i => i.CreditCode == code));
        Assert.Equal(InstitutionKind.General, stored.Kind);
        Assert.Equal(2, await app.WithDbAsync(db => db.Files.CountAsync(f => f.OwnerId == stored.Id)));

        var again = Applications.Fields(code, TestData.Mobile());
        var refused = await app.CreateClient().PostAsync("/api/v1/institutions/applications", Applications.Multipart(again));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("该统一社会信用代码已申请入驻", problem.GetProperty("errors").GetProperty("creditCode")[0].GetString());
    }

    [Theory]
    [InlineData("11")] // 机关
    [InlineData("54")] // 民政 · 其他
    [InlineData("N1")] // 农村集体经济组织
    public async Task A_credit_code_of_a_type_that_cannot_join_is_refused_next_to_the_field_and_nothing_is_saved(string prefix)
    {
        var code = TestData.CreditCodeFor("430405", prefix);
        var phone = TestData.Mobile();
        var response = await app.Browser().PostFormAsync("/register/institution", Applications.Fields(code, phone).AsForm());

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("该统一社会信用代码类型不能申请服务机构入驻", html);
        Assert.Contains("data-valmsg-for=\"Input.CreditCode\"", html);
        Assert.False(await app.WithDbAsync(db => db.Institutions.AnyAsync(i => i.CreditCode == code)));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == phone)));

        var api = await app.CreateClient().PostAsync("/api/v1/institutions/applications", Applications.Multipart(Applications.Fields(code, phone)));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("USCC_TYPE_NOT_ALLOWED", problem.GetProperty("code").GetString());
        Assert.Equal("该统一社会信用代码类型不能申请服务机构入驻", problem.GetProperty("errors").GetProperty("creditCode")[0].GetString());
    }

    [Fact]
    public async Task Missing_service_categories_are_named_in_chinese_and_nothing_is_saved()
    {
        var code = TestData.CreditCodeFor();
        var fields = Applications.Fields(code, TestData.Mobile());
        foreach (var key in fields.Keys.Where(k => k.StartsWith("Categories")).ToList()) fields.Remove(key);

        var response = await app.Browser().PostFormAsync("/register/institution", fields.AsForm());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("请至少选择一个服务类别", html);
        Assert.Contains("data-valmsg-for=\"Input.Categories\"", html);

        var api = await app.CreateClient().PostAsync("/api/v1/institutions/applications", Applications.Multipart(fields));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("请至少选择一个服务类别", errors.GetProperty("categories")[0].GetString());
        Assert.False(await app.WithDbAsync(db => db.Institutions.AnyAsync(i => i.CreditCode == code)));
    }

    [Fact]
    public async Task A_qualification_that_is_not_really_a_pdf_is_refused_and_nothing_is_saved()
    {
        var code = TestData.CreditCodeFor();
        var exe = "MZ\u0090\0this is not a pdf"u8.ToArray();
        var response = await app.Browser().PostFormAsync("/register/institution", Applications.Fields(code, TestData.Mobile()).AsForm(), null,
            ("Qualifications", "ok.pdf", TestData.Pdf), ("Qualifications", "资质.pdf", exe));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("资质证明文件内容与扩展名不符", html);
        Assert.Contains("data-valmsg-for=\"Qualifications\"", html);
        Assert.False(await app.WithDbAsync(db => db.Institutions.AnyAsync(i => i.CreditCode == code)));
    }
}
