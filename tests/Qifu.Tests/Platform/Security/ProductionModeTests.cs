using System.Net;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Platform.Security;

/// <summary>The app as it starts outside demo mode: migrated, roles only, no account anyone could guess (AU-06).</summary>
public sealed class ProductionApp : QifuApp
{
    protected override Dictionary<string, string?> Settings => new() { ["Qifu:DemoData"] = "false" };
}

public sealed class ProductionModeTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Outside_demo_mode_there_are_no_accounts_and_demo_sign_ins_fail()
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(4, await app.WithDbAsync(db => db.Roles.CountAsync()));
        var signIn = await app.Browser().PostFormAsync("/account/signin", new() { ["Input.Phone"] = Http.CityOperator, ["Input.Password"] = Http.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("手机号或密码不正确", await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/")).StatusCode);
    }
}

[Collection(SharedApp.Name)]
public sealed class FileDownloadTests(QifuApp app)
{
    [Fact]
    public async Task The_owner_downloads_the_licence_as_an_attachment_with_its_chinese_name()
    {
        var phone = TestData.Mobile();
        var client = app.Browser();
        await client.PostFormAsync("/register/enterprise", TestData.EnterpriseForm(TestData.CreditCodeFor(), phone), files: ("Licence", "营业执照（副本）.pdf", TestData.Pdf));
        var fileId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == phone)
            .Join(db.Enterprises, u => u.EnterpriseId, e => e.Id, (u, e) => e.LicenceFileId).SingleAsync());

        var response = await client.GetAsync($"/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("营业执照（副本）.pdf", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(TestData.Pdf, await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync($"/files/{fileId}")).StatusCode); // anonymous: sign in first
    }
}
