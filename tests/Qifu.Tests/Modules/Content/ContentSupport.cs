using System.Net.Http.Json;
using System.Text.Json;
using Qifu.Tests.Support;

namespace Qifu.Tests.Modules.Content;

/// <summary>The content tests share one app of their own: they move its clock and change its settings.</summary>
[CollectionDefinition(Name)]
public sealed class ContentApp : ICollectionFixture<QifuApp>
{
    public const string Name = "content app";
}

public static class Articles
{
    public static string Unique(string title) => $"{title}{Guid.NewGuid().ToString("N")[..6]}";

    public static object News(string title, bool submit = true, DateTime? publishAt = null, string kind = "News", string? region = null) => new
    {
        kind, title, summary = "", body = "<p>市中小企业服务中心组织服务机构走进园区，为企业现场解答融资、用工和知识产权问题。</p><script>alert(1)</script>",
        source = "市中小企业服务中心", author = "综合科", submit, publishAt, regionCode = region,
    };

    /// <summary>A policy fitting the demo enterprise 衡阳恒远机械制造有限公司 (珠晖区, 制造业, 专精特新) unless told otherwise.</summary>
    public static Dictionary<string, object?> Policy(string title, string[]? sizes = null, string[]? sections = null, string[]? regions = null,
        string[]? quals = null, string? other = null, string validity = "Current", DateOnly? applyFrom = null, DateOnly? applyUntil = null, string level = "City") => new()
    {
        ["kind"] = "Policy", ["title"] = title, ["body"] = "<p>为支持中小企业专精特新发展，现就有关扶持措施通知如下。</p>", ["submit"] = true,
        ["issuer"] = "衡阳市工业和信息化局", ["documentNumber"] = "衡工信发〔2026〕12号", ["indexNumber"] = "430400-2026-0012", ["level"] = level,
        ["theme"] = "创新支持", ["supportType"] = "资金支持类", ["validity"] = validity, ["repealedOn"] = validity == "Repealed" ? new DateOnly(2026, 1, 1) : null, ["sizeClasses"] = sizes ?? [], ["industrySections"] = sections ?? [],
        ["regions"] = regions ?? [], ["qualifications"] = quals ?? [], ["otherConditions"] = other, ["applyFrom"] = applyFrom, ["applyUntil"] = applyUntil,
    };

    public static async Task<JsonElement> CreateAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/articles", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create article: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Every match of the demo enterprise, page after page (100 to a page, the most the API gives).</summary>
    public static async Task<List<JsonElement>> AllMatchesAsync(QifuApp app)
    {
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var result = await enterprise.GetFromJsonAsync<JsonElement>($"/api/v1/enterprise/policy-matches?page={page}&pageSize=100");
            all.AddRange(result.GetProperty("items").EnumerateArray());
            if (page >= result.GetProperty("pages").GetInt32()) return all;
        }
    }
}
