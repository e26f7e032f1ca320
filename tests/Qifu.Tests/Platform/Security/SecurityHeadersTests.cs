using System.Net;
using Qifu.Tests.Support;

namespace Qifu.Tests.Platform.Security;

[Collection(SharedApp.Name)]
public sealed class SecurityHeadersTests(QifuApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/register/enterprise")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/enterprises")]
    [InlineData("/css/site.css")]
    [InlineData("/health/ready")]
    public async Task Every_response_carries_the_security_headers_and_no_server_banner(string path)
    {
        var response = await app.Browser().GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp.Split(';').Single(d => d.Trim().StartsWith("script-src")));
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task Unknown_pages_are_a_plain_404_not_a_sign_in_redirect()
    {
        var response = await app.Browser().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_post_without_an_antiforgery_token_changes_nothing()
    {
        var client = await app.SignedInAsync(Http.CityOperator);
        var response = await client.PostAsync("/admin/operators?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "无令牌", ["Input.Phone"] = "15000000001", ["Input.RegionCode"] = "430405",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_post_the_browser_marks_as_cross_site_is_refused_even_with_a_valid_token()
    {
        var client = await app.SignedInAsync(Http.CityOperator);
        var token = await Http.TokenAsync(client, "/admin/operators");
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/operators?handler=Create")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.DisplayName"] = "跨站", ["Input.Phone"] = "15000000002", ["Input.RegionCode"] = "430405", ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        Assert.False(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users, u => u.UserName == "15000000002")));
    }

    [Fact]
    public async Task Health_endpoints_answer_without_sign_in()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/health/live")).StatusCode);
        var ready = await app.Browser().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_v1_api()
    {
        var doc = await app.Browser().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/enterprises/registrations", doc);
        Assert.Contains("/api/v1/auth/token", doc);
    }
}
