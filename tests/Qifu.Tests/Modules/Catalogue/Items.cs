using System.Net.Http.Json;
using System.Text.Json;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Catalogue;

/// <summary>Service items written through the real API, for the catalogue tests.</summary>
internal static class Items
{
    public static MultipartFormDataContent Form(string title, bool submit = true, Action<Dictionary<string, string>>? change = null,
        string[]? regions = null, params (string Name, byte[] Content)[] attachments)
    {
        var fields = new Dictionary<string, string>
        {
            ["title"] = title, ["categoryCode"] = "finance", ["subCategory"] = "财务代理记账",
            ["description"] = "为小规模纳税人提供代理记账、纳税申报和年度汇算清缴服务，由持证会计专人负责。",
            ["deliverables"] = "月度财务报表及纳税申报回执", ["feeType"] = "Discounted", ["price"] = "2400", ["mode"] = "Both",
            ["leadTimeDays"] = "5", ["contactName"] = "赵新", ["contactPhone"] = "0734-8123456", ["submit"] = submit ? "true" : "false",
        };
        change?.Invoke(fields);
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var r in regions ?? ["430405", "430400"]) form.Add(new StringContent(r), "serviceRegions");
        foreach (var (name, content) in attachments) form.Add(new ByteArrayContent(content), "attachments", name);
        return form;
    }

    public static async Task<Guid> CreateAsync(HttpClient institution, string title, bool submit = true, Action<Dictionary<string, string>>? change = null)
    {
        var response = await institution.PostAsync("/api/v1/items", Form(title, submit, change));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Written by the demo institution 13707340001 (珠晖区) and approved by the 珠晖区 operator.</summary>
    public static async Task<Guid> PublishedAsync(QifuApp app, string title, Action<Dictionary<string, string>>? change = null)
    {
        var id = await CreateAsync(await app.ApiAsync(Http.Institution), title, submit: true, change);
        (await (await app.ApiAsync(Http.ZhuhuiOperator)).PostAsync($"/api/v1/items/{id}/approve", null)).EnsureSuccessStatusCode();
        return id;
    }

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];
}
