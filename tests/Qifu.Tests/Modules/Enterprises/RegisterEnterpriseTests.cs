using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Modules.Enterprises;

[Collection(SharedApp.Name)]
public sealed class RegisterEnterpriseTests(QifuApp app)
{
    [Fact]
    public async Task An_enterprise_registers_through_the_form_and_waits_for_review_with_its_size_class()
    {
        var code = TestData.CreditCodeFor();
        var phone = TestData.Mobile();
        var client = app.Browser();
        // Full-width and lower case are normalised before the check (BL-06).
        var typed = string.Concat(code.ToLowerInvariant().Select(c => (char)(c + 0xFEE0)));
        var response = await client.PostFormAsync("/register/enterprise", TestData.EnterpriseForm(typed, phone), files: ("Licence", "营业执照.pdf", TestData.Pdf));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/enterprise", response.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync("/enterprise");
        Assert.Contains("待审核", page);
        Assert.Contains("小型", page);
        Assert.Contains("从业人员120人", page);

        var stored = await app.WithDbAsync(db => db.Enterprises.SingleAsync(e => e.CreditCode == code));
        Assert.Equal(RegistrationStatus.Submitted, stored.Status);
        Assert.Equal(SizeClass.Small, stored.SizeClass);
        Assert.Equal("C", stored.IndustrySection);
        Assert.NotNull(stored.LicenceFileId);
    }

    [Theory]
    [InlineData("91350100M000100Y44", "校验码不正确，请核对")]
    [InlineData("91350100M000100Y4", "统一社会信用代码应为18位")]
    [InlineData("91350100M0O0100Y43", "第11位含有非法字符（不能使用 I、O、Z、S、V）")]
    public async Task A_bad_credit_code_is_refused_next_to_the_field_and_nothing_is_saved(string code, string message)
    {
        var phone = TestData.Mobile();
        var before = await app.WithDbAsync(db => db.Enterprises.CountAsync());
        var response = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, phone), files: ("Licence", "a.pdf", TestData.Pdf));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.Contains("data-valmsg-for=\"Input.CreditCode\"", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Enterprises.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == phone)));
    }

    [Fact]
    public async Task A_duplicate_credit_code_gets_a_clear_message()
    {
        var code = TestData.CreditCodeFor();
        var first = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile()), files: ("Licence", "a.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var second = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile()), files: ("Licence", "a.pdf", TestData.Pdf));
        Assert.Equal((HttpStatusCode)422, second.StatusCode);
        Assert.Contains("该统一社会信用代码已注册，可找回账号", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_licence_that_is_not_really_a_pdf_is_refused_and_no_file_is_left()
    {
        var code = TestData.CreditCodeFor();
        var exe = "MZ\u0090\0this is not a pdf"u8.ToArray();
        var response = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile()), files: ("Licence", "licence.pdf", exe));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("文件内容与扩展名不符", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Enterprises.AnyAsync(e => e.CreditCode == code)));
    }

    [Fact]
    public async Task A_program_registers_through_the_api_and_bad_input_gets_problem_json_naming_the_field()
    {
        var client = app.CreateClient();
        var code = TestData.CreditCodeFor("430421");
        var form = TestData.EnterpriseForm(code, TestData.Mobile(), "430421")
            .ToDictionary(kv => kv.Key.Replace("Input.", ""), kv => kv.Value);
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in form) content.Add(new StringContent(v), k);
        content.Add(new ByteArrayContent(TestData.Png), "licence", "licence.png");
        var created = await client.PostAsync("/api/v1/enterprises/registrations", content);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Submitted", body.GetProperty("status").GetString());
        Assert.Equal("小型", body.GetProperty("sizeClass").GetString());

        var bad = new MultipartFormDataContent();
        foreach (var (k, v) in form) bad.Add(new StringContent(k == "CreditCode" ? "91350100M000100Y44" : v), k);
        var refused = await client.PostAsync("/api/v1/enterprises/registrations", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("application/problem+json", refused.Content.Headers.ContentType?.ToString());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("USCC_INVALID", problem.GetProperty("code").GetString());
        Assert.Equal("校验码不正确，请核对", problem.GetProperty("errors").GetProperty("creditCode")[0].GetString());
        Assert.DoesNotContain("at Qifu", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_fields_are_named_in_chinese()
    {
        var response = await app.CreateClient().PostAsync("/api/v1/enterprises/registrations", new MultipartFormDataContent { { new StringContent("x"), "Name" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal("请填写统一社会信用代码", errors.GetProperty("creditCode")[0].GetString());
        Assert.Equal("请阅读并同意《个人信息处理规则》", errors.GetProperty("consent")[0].GetString());
    }
}

[Collection(SharedApp.Name)]
public sealed class LicenceSizeTests(QifuApp app)
{
    [Fact]
    public async Task A_licence_over_10_mb_is_refused_next_to_the_field()
    {
        var code = TestData.CreditCodeFor();
        var big = new byte[10 * 1024 * 1024 + 1];
        TestData.Pdf.CopyTo(big, 0);
        var response = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(code, TestData.Mobile()), files: ("Licence", "big.pdf", big));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("营业执照文件不能超过10MB", html);
        Assert.Contains("data-valmsg-for=\"Licence\"", html);
        Assert.False(await app.WithDbAsync(db => db.Enterprises.AnyAsync(e => e.CreditCode == code)));
    }

    [Fact]
    public async Task A_body_over_the_upload_limit_gets_413_with_a_chinese_message_not_a_stack_trace()
    {
        var huge = new byte[26 * 1024 * 1024];
        var page = await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(TestData.CreditCodeFor(), TestData.Mobile()), files: ("Licence", "huge.pdf", huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("不能超过10MB", html);
        Assert.DoesNotContain("Exception", html);

        var content = new MultipartFormDataContent { { new ByteArrayContent(huge), "licence", "huge.pdf" } };
        var api = await app.CreateClient().PostAsync("/api/v1/enterprises/registrations", content);
        var apiBody = await api.Content.ReadAsStringAsync();
        Assert.True(api.StatusCode == HttpStatusCode.RequestEntityTooLarge && apiBody.StartsWith("{"), (int)api.StatusCode + ":" + apiBody[..Math.Min(300, apiBody.Length)]);
        Assert.Equal("FILE_TOO_LARGE", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}

[Collection(SharedApp.Name)]
public sealed class EnterpriseTagTests(QifuApp app)
{
    [Fact]
    public async Task Tags_from_the_dictionary_are_stored_and_shown_and_unknown_ones_are_refused()
    {
        var code = TestData.CreditCodeFor();
        var form = TestData.EnterpriseForm(code, TestData.Mobile());
        form["Input.Tags"] = "zjtx";
        var client = app.Browser();
        var response = await client.PostFormAsync("/register/enterprise", form, files: ("Licence", "a.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("zjtx", await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Tags).SingleAsync()));
        Assert.Contains("专精特新中小企业", await client.GetStringAsync("/enterprise"));

        var bad = TestData.EnterpriseForm(TestData.CreditCodeFor(), TestData.Mobile());
        bad["Input.Tags"] = "no-such-tag";
        var refused = await app.Browser().PostFormAsync("/register/enterprise", bad, files: ("Licence", "a.pdf", TestData.Pdf));
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        Assert.Contains("企业标签不在平台字典中或已停用，请重新选择", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_takes_several_tags()
    {
        var code = TestData.CreditCodeFor("430421");
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in TestData.EnterpriseForm(code, TestData.Mobile(), "430421")) content.Add(new StringContent(v), k.Replace("Input.", ""));
        content.Add(new StringContent("gxjs"), "Tags");
        content.Add(new StringContent("cxx"), "Tags");
        content.Add(new ByteArrayContent(TestData.Pdf), "licence", "l.pdf");
        var created = await app.CreateClient().PostAsync("/api/v1/enterprises/registrations", content);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("gxjs,cxx", await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Tags).SingleAsync()));
    }
}
