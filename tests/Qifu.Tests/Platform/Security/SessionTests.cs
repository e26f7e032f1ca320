using System.Net;
using Qifu.Tests.Support;

namespace Qifu.Tests.Platform.Security;

[Collection(SharedApp.Name)]
public sealed class SessionTests(QifuApp app)
{
    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes()
    {
        var client = await app.SignedInAsync(Http.CityOperator);
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workbench")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await client.GetAsync("/workbench");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Contains("/account/signin", expired.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_session_ends_after_twelve_hours_even_when_active()
    {
        var client = await app.SignedInAsync(Http.CityOperator);
        for (var i = 0; i < 24; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(29));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workbench")).StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/workbench")).StatusCode);
    }
}

/// <summary>Its own app with the production limit, so the other tests' sign-ins do not count.</summary>
public sealed class LimitedApp : QifuApp
{
    protected override Dictionary<string, string?> Settings => new() { ["Qifu:SignInPerMinute"] = "10" };
}

public sealed class SignInRateLimitTests(LimitedApp app) : IClassFixture<LimitedApp>
{
    [Fact]
    public async Task The_eleventh_sign_in_post_in_a_minute_gets_429_but_the_page_still_opens()
    {
        var client = app.Browser();
        for (var i = 0; i < 10; i++)
        {
            var attempt = await client.PostFormAsync("/account/signin", new() { ["Input.Phone"] = "15811112222", ["Input.Password"] = "Wrong-Pass-2026" });
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }
        var limited = await client.PostFormAsync("/account/signin", new() { ["Input.Phone"] = "15811112222", ["Input.Password"] = "Wrong-Pass-2026" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Contains("操作过于频繁", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode);

        var api = await app.CreateClient().PostAsync("/api/v1/auth/token", System.Net.Http.Json.JsonContent.Create(new { phone = "15811112222", password = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.StartsWith("application/problem+json", api.Content.Headers.ContentType!.ToString());
    }
}
