using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Qifu.Web.Modules.Search.Engine;
using Qifu.Web.Modules.Search.Following;
using Qifu.Web.Modules.Search.Synonyms;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Search.SearchPage;

/// <summary>The search as the page and the API take it: all state in query parameters, every value a code (see FacetValues).</summary>
public sealed record SearchInput : IValidatableObject
{
    [StringLength(100, ErrorMessage = "搜索词（q）不能超过100个字")]
    public string? Q { get; init; }

    [StringLength(20, ErrorMessage = "内容类型（kind）不存在")]
    public string? Kind { get; init; }

    [ServiceCategoryCode(ErrorMessage = "服务类别（category）不存在")]
    public string? Category { get; init; }

    public string? Sub { get; init; }

    [RegionCode(ErrorMessage = "服务区域（region）不存在")]
    public string? Region { get; init; }

    [AllowedValues(null, "", FacetValues.FeeFree, FacetValues.FeePublic, FacetValues.FeeDiscounted, FacetValues.FeeMarket,
        ErrorMessage = "收费方式（fee）只能是 free（免费）、public（公益）、discounted（优惠）或 market（市场价）")]
    public string? Fee { get; init; }

    [AllowedValues(null, "", FacetValues.ModeOnline, FacetValues.ModeOnSite, ErrorMessage = "服务方式（mode）只能是 online（线上）或 onsite（线下）")]
    public string? Mode { get; init; }

    [AllowedValues(null, "", "4.5", "4", "3", FacetValues.Unrated, ErrorMessage = "评分（rating）只能是 4.5、4、3 或 none（暂无评价）")]
    public string? Rating { get; init; }

    [AllowedValues(null, "", "relevance", "newest", "rating", "popularity",
        ErrorMessage = "排序方式（sort）只能是 relevance（相关度）、newest（最新发布）、rating（评分最高）或 popularity（最受欢迎）")]
    public string? Sort { get; init; }

    // Numbers arrive as text so that "abc" gets the same zh-CN message naming the field as "0" does.
    [Range(1, 1000, ErrorMessage = "页码（page）须为1至1000之间的整数")]
    public string? Page { get; init; }

    [Range(1, 100, ErrorMessage = "每页条数（pageSize）须为1至100之间的整数")]
    public string? PageSize { get; init; }

    public int PageNumber => int.TryParse(Page, CultureInfo.InvariantCulture, out var n) ? n : 1;
    public int Size => int.TryParse(PageSize, CultureInfo.InvariantCulture, out var n) ? n : 20;

    /// <summary>Runs only when every field is valid on its own (DataAnnotations order): the one rule across two fields.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Has(Sub) && !Has(Category))
            yield return new("请先选择服务类别（category），再选择子类（sub）", [nameof(Sub)]);
        else if (Has(Sub) && !ServiceCategories.IsSubCategoryOf(Category!, Sub))
            yield return new("子类（sub）不属于所选服务类别", [nameof(Sub)]);
    }

    /// <summary>From the query string only (a page's route values hold a "page" of their own).</summary>
    public static SearchInput From(IQueryCollection query)
    {
        string? Get(string key) => query.TryGetValue(key, out var values) ? values.FirstOrDefault() : null;
        return new SearchInput
        {
            Q = Get("q"), Kind = Get("kind"), Category = Get("category"), Sub = Get("sub"), Region = Get("region"), Fee = Get("fee"),
            Mode = Get("mode"), Rating = Get("rating"), Sort = Get("sort"), Page = Get("page"), PageSize = Get("pageSize"),
        };
    }

    public static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>The input without the named (camelCase) fields: a page shows the message and searches without them.</summary>
    public SearchInput Without(IEnumerable<string> fields)
    {
        var input = this;
        foreach (var field in fields)
            input = field switch
            {
                "q" => input with { Q = null },
                "kind" => input with { Kind = null },
                "category" => input with { Category = null, Sub = null },
                "sub" => input with { Sub = null },
                "region" => input with { Region = null },
                "fee" => input with { Fee = null },
                "mode" => input with { Mode = null },
                "rating" => input with { Rating = null },
                "sort" => input with { Sort = null },
                "page" => input with { Page = null },
                "pageSize" => input with { PageSize = null },
                _ => input,
            };
        return input;
    }
}

internal sealed class ServiceCategoryCodeAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string code || code.Length == 0 || ServiceCategories.Exists(code);
}

internal sealed class RegionCodeAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string code || code.Length == 0 || RegionCodes.Exists(code);
}

/// <param name="Shorter">Shorter words inside this one, offered when nothing is found.</param>
public sealed record SearchWordView(string Word, IReadOnlyList<string> Synonyms, bool SingleCharacter, IReadOnlyList<string> Shorter);

/// <param name="Title">HTML: encoded text with &lt;mark&gt; around the query words.</param>
/// <param name="Snippet">HTML: about 120 characters of the text around the first hit, marked the same way.</param>
public sealed record SearchHitView(string Kind, string KindLabel, Guid Id, string Title, string Snippet, string Url, string Meta,
    double? Rating, DateTime Date, int Popularity);

public sealed record FacetValueView(string Value, string Label, int Count, bool Selected);

public sealed record FacetView(string Field, string Label, IReadOnlyList<FacetValueView> Values);

public sealed record AppliedFilter(string Field, string FieldLabel, string Value, string Label);

/// <param name="Kinds">One entry per searchable kind (the tabs), with the count for the query and filters.</param>
/// <param name="Facets">Counts over all matches of the chosen kind; the sub-category only once a category is chosen.</param>
/// <param name="IndexReady">False while this node builds its index (after a first start or a deleted index): results may be incomplete.</param>
public sealed record SearchResponse(string Query, string? Kind, IReadOnlyList<SearchWordView> Words, int Total, int Page, int PageSize, int Pages,
    string Sort, IReadOnlyList<SearchHitView> Hits, IReadOnlyList<FacetValueView> Kinds, IReadOnlyList<FacetView> Facets,
    IReadOnlyList<AppliedFilter> Filters, bool IndexReady);

/// <summary>
/// The one search behind the /search page and GET /api/v1/search: input → engine request (with synonyms) → labelled result.
/// Labels come from the dictionaries (categories, regions) and from each source (kind names); the engine knows none of them.
/// </summary>
public sealed class SiteSearch(NodeIndex node, SearchSynonyms synonyms, IEnumerable<ISearchSource> sources, IConfiguration config)
{
    public static readonly (string Field, string Label)[] FacetFields =
    [
        (SearchFacets.Category, "服务类别"), (SearchFacets.SubCategory, "服务子类"), (SearchFacets.Region, "服务区域"),
        (SearchFacets.Fee, "收费方式"), (SearchFacets.Mode, "服务方式"), (SearchFacets.RatingBand, "用户评分"),
    ];

    public static readonly (string Code, string Label)[] SortLabels =
        [("relevance", "相关度"), ("newest", "最新发布"), ("rating", "评分最高"), ("popularity", "最受欢迎")];

    private readonly IReadOnlyList<ISearchSource> _sources = sources.ToList();
    private readonly TimeSpan _readyWait = TimeSpan.FromMilliseconds(config.GetValue("Search:ReadyWaitMilliseconds", 3000));

    public IReadOnlyList<ISearchSource> Sources => _sources;

    /// <summary>The client asks for an answer worked out now (Cache-Control: no-cache), not one kept from an earlier request.</summary>
    public static bool WantsFresh(HttpRequest request) =>
        request.Headers.CacheControl.Any(v => v is not null && v.Contains("no-cache", StringComparison.OrdinalIgnoreCase));

    /// <param name="fresh">Skip the result cache (the request carried Cache-Control: no-cache).</param>
    public async Task<SearchResponse> SearchAsync(SearchInput input, CancellationToken ct, bool fresh = false)
    {
        if (SearchInput.Has(input.Kind) && _sources.All(s => s.Kind != input.Kind))
            throw new RuleViolationException("SEARCH_KIND_UNKNOWN",
                $"内容类型（kind）不存在，可选：{string.Join("、", _sources.Select(s => $"{s.Kind}（{s.KindLabel}）"))}", "kind", 400);
        var index = await node.WhenReadyAsync(_readyWait, ct);
        if (index is null)
            throw new RuleViolationException("SEARCH_UNAVAILABLE", "搜索暂时不可用，请稍后再试", null, StatusCodes.Status503ServiceUnavailable);

        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        void Filter(string field, string? value)
        {
            if (SearchInput.Has(value)) filters[field] = value!.Trim();
        }
        Filter(SearchFacets.Category, input.Category);
        if (SearchInput.Has(input.Category)) Filter(SearchFacets.SubCategory, input.Sub);
        Filter(SearchFacets.Region, input.Region);
        Filter(SearchFacets.Fee, input.Fee);
        Filter(SearchFacets.Mode, input.Mode);
        Filter(SearchFacets.RatingBand, input.Rating);

        var result = index.Search(new SearchRequest
        {
            Query = input.Q?.Trim(),
            Kind = SearchInput.Has(input.Kind) ? input.Kind : null,
            Filters = filters,
            Sort = input.Sort switch
            {
                "relevance" => SearchSort.Relevance,
                "newest" => SearchSort.Newest,
                "rating" => SearchSort.Rating,
                "popularity" => SearchSort.Popularity,
                _ => null,
            },
            Page = input.PageNumber,
            PageSize = input.Size,
            Synonyms = await synonyms.TableAsync(ct),
            Fresh = fresh,
        });
        return Present(input, filters, result, node.IsReady);
    }

    private SearchResponse Present(SearchInput input, Dictionary<string, string> filters, SearchResult result, bool ready)
    {
        var labels = _sources.ToDictionary(s => s.Kind, s => s.KindLabel);
        var hits = result.Hits.Select(h => new SearchHitView(h.Kind, labels.GetValueOrDefault(h.Kind, h.Kind), h.Id, h.TitleHtml, h.SnippetHtml,
            h.Url, h.Meta, h.Rating, h.PublishedAt, h.Popularity)).ToList();
        var kinds = _sources.Select(s => new FacetValueView(s.Kind, s.KindLabel, result.Kinds.FirstOrDefault(k => k.Value == s.Kind)?.Count ?? 0,
            s.Kind == input.Kind)).ToList();

        var facets = new List<FacetView>();
        foreach (var (field, label) in FacetFields)
        {
            // Sub-categories mean little across categories (and there are forty of them): shown once a category is chosen.
            if (field == SearchFacets.SubCategory && !filters.ContainsKey(SearchFacets.Category)) continue;
            var counts = result.Facets.GetValueOrDefault(field) ?? [];
            var selected = filters.GetValueOrDefault(field);
            var values = counts.Select(c => new FacetValueView(c.Value, ValueLabel(field, c.Value), c.Count, c.Value == selected)).ToList();
            if (selected is not null && values.All(v => v.Value != selected))
                values.Add(new FacetValueView(selected, ValueLabel(field, selected), 0, true));
            if (values.Count == 0) continue;
            facets.Add(new FacetView(field, label, values.OrderBy(v => Order(field, v.Value, filters)).ThenByDescending(v => v.Count)
                .ThenBy(v => v.Value, StringComparer.Ordinal).ToList()));
        }
        var applied = FacetFields.Where(f => filters.ContainsKey(f.Field))
            .Select(f => new AppliedFilter(f.Field, f.Label, filters[f.Field], ValueLabel(f.Field, filters[f.Field]))).ToList();
        var words = result.Words.Select(w => new SearchWordView(w.Word, w.Alternatives.Skip(1).ToList(), w.SingleCharacter, w.Shorter)).ToList();
        return new SearchResponse(input.Q?.Trim() ?? "", SearchInput.Has(input.Kind) ? input.Kind : null, words, result.Total, result.Page,
            result.PageSize, result.PageLimit, result.Sort.ToString().ToLowerInvariant(), hits, kinds, facets, applied, ready);
    }

    public static string ValueLabel(string field, string value) => field switch
    {
        SearchFacets.Category => ServiceCategories.NameOf(value),
        SearchFacets.Region => RegionCodes.Exists(value) ? RegionCodes.NameOf(value) : value,
        SearchFacets.Fee => FacetValues.Fees.FirstOrDefault(f => f.Code == value).Label ?? value,
        SearchFacets.Mode => FacetValues.Modes.FirstOrDefault(m => m.Code == value).Label ?? value,
        SearchFacets.RatingBand => FacetValues.RatingLabel(value),
        _ => value,
    };

    /// <summary>Known lists keep their own order (categories as in the dictionary, regions as in GB/T 2260, bands high to low).</summary>
    private static int Order(string field, string value, Dictionary<string, string> filters)
    {
        var position = field switch
        {
            SearchFacets.Category => Array.FindIndex(ServiceCategories.All, c => c.Code == value),
            SearchFacets.SubCategory => filters.TryGetValue(SearchFacets.Category, out var category)
                && ServiceCategories.SubCategories.TryGetValue(category, out var subs) ? Array.IndexOf(subs, value) : -1,
            SearchFacets.Region => Array.FindIndex(RegionCodes.Hengyang, r => r.Code == value),
            SearchFacets.Fee => Array.FindIndex(FacetValues.Fees, f => f.Code == value),
            SearchFacets.Mode => Array.FindIndex(FacetValues.Modes, m => m.Code == value),
            SearchFacets.RatingBand => value == FacetValues.Unrated ? FacetValues.RatingBands.Length : Array.FindIndex(FacetValues.RatingBands, b => b.Code == value),
            _ => -1,
        };
        return position < 0 ? int.MaxValue : position;
    }
}
