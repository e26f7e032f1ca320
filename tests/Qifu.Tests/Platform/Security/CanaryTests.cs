using System.Net;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Platform.Security;

/// <summary>
/// SECURITY.md AC-02: enterprise B's data carries a canary marker; signed in as enterprise A, no route — by page, API
/// or B's ids in the path — may return it, and B's rows are the same afterwards.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class CanaryTests(QifuApp app)
{
    [Fact]
    public async Task Enterprise_a_never_sees_or_changes_enterprise_bs_data()
    {
        var canary = "CANARY-B-" + Guid.NewGuid().ToString("N")[..8];
        var codeB = TestData.CreditCodeFor("430405");
        var formB = TestData.EnterpriseForm(codeB, TestData.Mobile(), name: "衡阳" + canary + "有限公司");
        formB["Input.ContactName"] = canary;
        formB["Input.LegalRepresentative"] = canary;
        var registered = await app.Browser().PostFormAsync("/register/enterprise", formB, files: ("Licence", canary + ".pdf", [.. TestData.Pdf, .. System.Text.Encoding.ASCII.GetBytes(canary)]));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var b = await app.WithDbAsync(db => db.Enterprises.AsNoTracking().SingleAsync(e => e.CreditCode == codeB));
        var before = System.Text.Json.JsonSerializer.Serialize(b);

        var phoneA = TestData.Mobile();
        await app.Browser().PostFormAsync("/register/enterprise", TestData.EnterpriseForm(TestData.CreditCodeFor("430405"), phoneA), files: ("Licence", "a.pdf", TestData.Pdf));
        var pageA = await app.SignedInAsync(phoneA, "Strong-Pass-2026");
        var apiA = await app.ApiAsync(phoneA, "Strong-Pass-2026");

        var urls = new[]
        {
            "/enterprise", "/workbench", "/", "/institutions", "/search?q=衡阳", "/site/430405",
            $"/files/{b.LicenceFileId}", $"/review/enterprises/{b.Id}", "/review/enterprises", "/review/enterprises?handler=Export",
            $"/api/v1/enterprises/{b.Id}", "/api/v1/enterprises", "/api/v1/enterprises/mine", "/api/v1/enterprises/export",
        };
        foreach (var url in urls)
        {
            foreach (var client in new[] { pageA, apiA })
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsByteArrayAsync();
                Assert.False(System.Text.Encoding.UTF8.GetString(body).Contains(canary), $"{url} leaked B's data ({(int)response.StatusCode})");
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await pageA.GetAsync($"/files/{b.LicenceFileId}")).StatusCode);
        foreach (var post in new[] { $"/api/v1/enterprises/{b.Id}/approve", $"/api/v1/enterprises/{b.Id}/reject" })
            Assert.True((await apiA.PostAsync(post, null)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, post);
        var approvePage = await pageA.PostFormAsync($"/review/enterprises/{b.Id}?handler=Approve", [], "/enterprise");
        Assert.NotEqual(HttpStatusCode.OK, approvePage.StatusCode);

        var after = System.Text.Json.JsonSerializer.Serialize(await app.WithDbAsync(db => db.Enterprises.AsNoTracking().SingleAsync(e => e.CreditCode == codeB)));
        Assert.Equal(before, after);
    }
}
