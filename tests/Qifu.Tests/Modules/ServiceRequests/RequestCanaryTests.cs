using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.ServiceRequests.Data;

namespace Qifu.Tests.Modules.ServiceRequests;

/// <summary>
/// SECURITY.md AC-02 for requests: a request carrying a canary is invisible to another enterprise, another institution and
/// the operator of another county — by page, API, file or notice link — and none of them can change it (404 throughout).
/// </summary>
[Collection(RequestsCollection.Name)]
public sealed class RequestCanaryTests(RequestsApp app)
{
    [Fact]
    public async Task Another_enterprise_institution_or_county_never_sees_or_changes_the_request()
    {
        var canary = "CANARY-R-" + Guid.NewGuid().ToString("N")[..8];
        var item = await app.PublishedItemAsync();
        var owner = await app.ApiAsync(Http.ApprovedEnterprise);
        var created = await owner.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id, need: "需求 " + canary,
            files: (canary + ".pdf", [.. TestData.Pdf, .. Encoding.ASCII.GetBytes(canary)])));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = await app.WithDbAsync(db => db.ServiceRequests.Where(r => r.Need.Contains(canary)).Select(r => r.Id).SingleAsync());
        var fileId = await app.WithDbAsync(db => db.Files.Where(f => f.FileName == canary + ".pdf").Select(f => f.Id).SingleAsync());
        var inst = await app.ApiAsync(Http.Institution);
        await Requests.Ok(await inst.PostAsync($"/api/v1/requests/{id}/accept", null));
        var before = await app.FingerprintAsync(id);

        var (otherPhone, _, _) = await app.ApprovedEnterpriseAsync("430405");
        var outsiders = new (string Who, HttpClient Page, HttpClient Api)[]
        {
            ("enterprise", await app.SignedInAsync(otherPhone, Requests.NewPassword), await app.ApiAsync(otherPhone, Requests.NewPassword)),
            ("institution", await app.SignedInAsync(Requests.BankPhone), await app.ApiAsync(Requests.BankPhone)),
            ("county", await app.SignedInAsync(Http.HengyangCountyOperator), await app.ApiAsync(Http.HengyangCountyOperator)),
        };
        var reads = new[]
        {
            "/enterprise/requests", $"/enterprise/requests/{id}", "/institution/requests", $"/institution/requests/{id}", "/institution/evaluations",
            $"/review/requests/{id}", "/review/overdue-requests", "/review/evaluations", "/review/follow-ups", $"/requests/{id}", $"/files/{fileId}",
            "/api/v1/requests?PageSize=100", $"/api/v1/requests/{id}", "/api/v1/evaluations?PageSize=100", "/api/v1/follow-ups?PageSize=100",
        };
        foreach (var (who, page, api) in outsiders)
        {
            foreach (var url in reads)
                foreach (var client in new[] { page, api })
                {
                    var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.False(body.Contains(canary), $"{who} {url} leaked the request ({(int)response.StatusCode})");
                    // The API client follows redirects (to the sign-in page for pages it has no cookie for): check statuses where they mean something.
                    var meaningful = client == page ? !url.StartsWith("/api") : url.StartsWith("/api") || url.StartsWith("/files");
                    if (meaningful && (url.Contains(id.ToString()) || url.Contains(fileId.ToString())))
                        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect,
                            $"{who} {url}: {(int)response.StatusCode}");
                }
            var writes = new (string Url, HttpContent? Body)[]
            {
                ($"/api/v1/requests/{id}/accept", null), ($"/api/v1/requests/{id}/decline", Json(new { reason = "越权" })),
                ($"/api/v1/requests/{id}/withdraw", null), ($"/api/v1/requests/{id}/progress", Requests.Form(("note", "越权"))),
                ($"/api/v1/requests/{id}/complete", Requests.Form(("note", "越权"))), ($"/api/v1/requests/{id}/confirm", null),
                ($"/api/v1/requests/{id}/reopen", Json(new { reason = "越权" })),
                ($"/api/v1/requests/{id}/evaluation", Json(new { overall = 1, timeliness = 1, professionalism = 1, attitude = 1 })),
            };
            foreach (var (url, body) in writes)
            {
                var response = await api.PostAsync(url, body);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{who} POST {url}: {(int)response.StatusCode}");
            }
            foreach (var (pageUrl, handler, fields) in new[]
                     {
                         ($"/institution/requests/{id}", "Progress", new Dictionary<string, string> { ["Progress.Note"] = "越权" }),
                         ($"/enterprise/requests/{id}", "Withdraw", new Dictionary<string, string>()),
                     })
            {
                var response = await page.PostFormAsync(pageUrl + "?handler=" + handler, fields, Http.AnyFormPage);
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
                Assert.False(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == pageUrl, $"{who} {handler}");
            }
        }
        Assert.Equal(before, await app.FingerprintAsync(id));

        // The parties and the operator in scope do see it, file included.
        var zhuhui = await app.SignedInAsync(Http.ZhuhuiOperator);
        Assert.Equal(HttpStatusCode.OK, (await zhuhui.GetAsync($"/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(Http.Institution)).GetAsync($"/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/files/{fileId}")).StatusCode);
        Assert.Contains(canary, await zhuhui.GetStringAsync($"/review/requests/{id}"));
        Assert.Equal(RequestStatus.Accepted, (await app.LoadAsync(id)).Status);
    }

    private static HttpContent Json(object body) => System.Net.Http.Json.JsonContent.Create(body);
}
