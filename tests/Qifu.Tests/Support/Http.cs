using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qifu.Web.Platform.Demo;

namespace Qifu.Tests.Support;

/// <summary>Browser-like helpers over HttpClient: forms with antiforgery tokens, sign-in, bearer tokens.</summary>
public static partial class Http
{
    public const string Password = DemoData.Password;
    public const string CityOperator = "13907340001";
    public const string ZhuhuiOperator = "13907340405";
    public const string HengyangCountyOperator = "13907340421";
    public const string ApprovedEnterprise = "13807340001";
    public const string PendingEnterprise = "13807340002";
    public const string Institution = "13707340001";

    public static HttpClient Browser(this QifuApp app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static async Task<HttpClient> SignedInAsync(this QifuApp app, string phone, string password = Password)
    {
        var client = app.Browser();
        var response = await client.PostFormAsync("/account/signin", new() { ["Input.Phone"] = phone, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {phone} failed: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpClient> ApiAsync(this QifuApp app, string phone, string password = Password)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { phone, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A page every signed-in user can open that carries a form (退出登录's confirmation): where a test that posts to a
    /// page it may not open (a canary) takes its own valid antiforgery token.</summary>
    public const string AnyFormPage = "/account/signout";

    /// <summary>GETs the page to pick up its antiforgery token (and cookie), then posts the form to it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields,
        string? pageUrl = null, params (string Field, string FileName, byte[] Content)[] files)
    {
        var token = await TokenAsync(client, pageUrl ?? url.Split('?')[0]);
        if (files.Length == 0)
        {
            var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
            return await client.PostAsync(url, new FormUrlEncodedContent(form));
        }
        var multipart = new MultipartFormDataContent();
        foreach (var (k, v) in fields) multipart.Add(new StringContent(v), k);
        multipart.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (field, name, content) in files) multipart.Add(new ByteArrayContent(content), field, name);
        return await client.PostAsync(url, multipart);
    }

    public static async Task<string> TokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = TokenPattern().Match(html);
        if (!match.Success) throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
