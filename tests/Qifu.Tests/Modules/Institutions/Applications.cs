using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Institutions;

public sealed record Applicant(Guid Id, string CreditCode, string Phone, string Name);

/// <summary>Institution applications as the form and the API take them.</summary>
public static class Applications
{
    public const string Password = "Strong-Pass-2026";

    /// <summary>Field names as the API takes them; <see cref="AsForm"/> gives the page's names. Lists use indexed names.</summary>
    public static Dictionary<string, string> Fields(string creditCode, string phone, string region = "430405", string? name = null,
        params string[] categories)
    {
        var fields = new Dictionary<string, string>
        {
            ["Phone"] = phone,
            ["Password"] = Password,
            ["CreditCode"] = creditCode,
            ["Name"] = name ?? "衡阳测试服务机构" + Guid.NewGuid().ToString("N")[..6],
            ["Kind"] = "General",
            ["RegionCode"] = region,
            ["ServiceRegions[0]"] = region,
            ["ServiceRegions[1]"] = "430400",
            ["StaffCount"] = "12",
            ["FeePolicy"] = "小微企业首次咨询免费",
            ["Introduction"] = "为中小企业提供财税与法律服务",
            ["ContactName"] = "赵六",
            ["ContactPhone"] = "13912345678",
            ["Consent"] = "true",
        };
        var chosen = categories.Length > 0 ? categories : ["finance", "legal"];
        for (var i = 0; i < chosen.Length; i++) fields[$"Categories[{i}]"] = chosen[i];
        return fields;
    }

    public static Dictionary<string, string> AsForm(this Dictionary<string, string> fields) =>
        fields.ToDictionary(kv => "Input." + kv.Key, kv => kv.Value);

    public static MultipartFormDataContent Multipart(Dictionary<string, string> fields, params (string FileName, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        foreach (var (name, bytes) in files) content.Add(new ByteArrayContent(bytes), "qualifications", name);
        return content;
    }

    /// <summary>Applies through the API (submitted for review unless <paramref name="draft"/>).</summary>
    public static async Task<Applicant> ApplyAsync(this QifuApp app, string region = "430405", string? name = null, bool draft = false,
        params string[] categories)
    {
        var fields = Fields(TestData.CreditCodeFor(region == "430472" ? "430400" : region), TestData.Mobile(), region, name, categories);
        if (draft) fields["SaveAsDraft"] = "true";
        var response = await app.CreateClient().PostAsync("/api/v1/institutions/applications", Multipart(fields, ("资质.pdf", TestData.Pdf)));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Application failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Applicant(body.GetProperty("id").GetGuid(), fields["CreditCode"], fields["Phone"], fields["Name"]);
    }

    /// <summary>Applies and has the city operator approve it.</summary>
    public static async Task<Applicant> ApprovedAsync(this QifuApp app, string region = "430405", string? name = null, params string[] categories)
    {
        var applicant = await app.ApplyAsync(region, name, false, categories);
        var city = await app.ApiAsync(Http.CityOperator);
        (await city.PostAsync($"/api/v1/institutions/{applicant.Id}/approve", null)).EnsureSuccessStatusCode();
        return applicant;
    }
}
