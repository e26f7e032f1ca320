using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Qifu.BrowserTests;

/// <summary>
/// Sets up records a journey needs but is not about, through the app's public API (no browser),
/// e.g. another county's enterprise for the data-scope journey.
/// </summary>
public static class Arrange
{
    /// <summary>Registers an enterprise (with a PDF licence) via POST /api/v1/enterprises/registrations; returns its id.</summary>
    public static async Task<Guid> RegisteredEnterpriseAsync(BrowserApp app, EnterpriseApplicant a)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var fields = new Dictionary<string, string>
        {
            ["Phone"] = a.Phone, ["Password"] = a.Password, ["CreditCode"] = a.CreditCode, ["Name"] = a.Name,
            ["LegalRepresentative"] = a.LegalRepresentative, ["RegionCode"] = a.RegionCode, ["IndustryDivision"] = a.IndustryDivision,
            ["Employees"] = a.Employees.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RevenueWan"] = a.RevenueWan.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AssetsWan"] = a.AssetsWan.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ContactName"] = a.ContactName, ["ContactPhone"] = a.ContactPhone, ["Consent"] = "true",
        };
        using var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        content.Add(new ByteArrayContent(File.ReadAllBytes(TestData.PdfFile(Path.Combine(app.DataPath, "uploads")))), "licence", "licence.pdf");
        var response = await client.PostAsync("/api/v1/enterprises/registrations", content);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Arranging {a.Name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetGuid();
    }
}
