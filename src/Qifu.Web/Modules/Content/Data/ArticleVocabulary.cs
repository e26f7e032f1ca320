namespace Qifu.Web.Modules.Content.Data;

public sealed record ArticleColumn(string Code, string Name, ArticleKind Kind);

/// <summary>Fixed columns (栏目), each in one kind (docs/decisions/0009-content.md): a new column is a code change, reviewed.</summary>
public static class ArticleColumns
{
    public static readonly ArticleColumn[] All =
    [
        new("work", "工作动态", ArticleKind.News),
        new("county", "县区动态", ArticleKind.News),
        new("notice", "通知公告", ArticleKind.Notice),
        new("apply", "申报通知", ArticleKind.Notice),
        new("policy", "政策文件", ArticleKind.Policy),
        new("interpretation", "政策解读", ArticleKind.Interpretation),
        new("case", "典型案例", ArticleKind.Case),
    ];

    public static ArticleColumn? Find(string? code) => All.FirstOrDefault(c => c.Code == code);
    public static string NameOf(string? code) => Find(code)?.Name ?? "—";
    public static IEnumerable<ArticleColumn> Of(ArticleKind kind) => All.Where(c => c.Kind == kind);
    public static string DefaultOf(ArticleKind kind) => Of(kind).First().Code;
}

public static class ArticleKinds
{
    public static readonly ArticleKind[] All = Enum.GetValues<ArticleKind>();

    public static string Label(ArticleKind k) => k switch
    {
        ArticleKind.News => "工作动态",
        ArticleKind.Notice => "通知公告",
        ArticleKind.Policy => "政策文件",
        ArticleKind.Interpretation => "政策解读",
        ArticleKind.Case => "典型案例",
        _ => k.ToString(),
    };

    /// <summary>The kind's code in the search index and its change log (one search tab per kind).</summary>
    public static string SearchKind(ArticleKind k) => k switch
    {
        ArticleKind.News => "news",
        ArticleKind.Notice => "notice",
        ArticleKind.Policy => "policy",
        ArticleKind.Interpretation => "interpretation",
        _ => "case",
    };

    public static ArticleKind? Parse(string? s) =>
        Enum.TryParse<ArticleKind>(s, true, out var k) && Enum.IsDefined(k) ? k : All.Cast<ArticleKind?>().FirstOrDefault(x => SearchKind(x!.Value) == s);
}

public static class ArticleStatuses
{
    public static string Label(ArticleStatus s) => s switch
    {
        ArticleStatus.Draft => "草稿",
        ArticleStatus.PendingReview => "待市级审核",
        ArticleStatus.Published => "已发布",
        ArticleStatus.Rejected => "已驳回",
        ArticleStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };

    public static string CssClass(ArticleStatus s) => s switch
    {
        ArticleStatus.Published => "tag tag-ok",
        ArticleStatus.PendingReview => "tag tag-pending",
        ArticleStatus.Rejected => "tag tag-bad",
        _ => "tag tag-muted",
    };
}

/// <summary>Policy vocabularies (DOMAIN.md §2.4): theme after the chapters of the SME Promotion Law, and support type.</summary>
public static class PolicyTerms
{
    public static readonly string[] Themes = ["综合政策", "财税支持", "融资促进", "创业扶持", "创新支持", "市场开拓", "服务措施", "权益保护", "监督检查"];
    public static readonly string[] SupportTypes = ["规范规划类", "资金支持类", "税费减免类", "资质认定类", "行业管制类"];

    public static string Label(PolicyLevel l) => l switch
    {
        PolicyLevel.National => "国家",
        PolicyLevel.Province => "省级",
        PolicyLevel.City => "市级",
        PolicyLevel.County => "区县",
        _ => l.ToString(),
    };

    public static string Label(PolicyValidity v) => v switch
    {
        PolicyValidity.Current => "现行有效",
        PolicyValidity.Repealed => "已废止",
        PolicyValidity.Expired => "已失效",
        PolicyValidity.NotYetInForce => "尚未生效",
        _ => v.ToString(),
    };

    /// <summary>The validities a reader filters on, in the order the filter lists them.</summary>
    public static readonly PolicyValidity[] Validities = [PolicyValidity.Current, PolicyValidity.NotYetInForce, PolicyValidity.Expired, PolicyValidity.Repealed];

    /// <summary>
    /// 有效性 on a day (a China day, <see cref="Platform.Regions.HengyangCalendar"/>): 已废止 when the operator repealed it; otherwise the dates decide: 已失效 after the end date, 尚未生效
    /// before the start date, 现行有效 in between. The same rule in SQL is <c>ArticleReader.WithValidity</c>.
    /// </summary>
    public static PolicyValidity ValidityOn(PolicyValidity stored, DateOnly? from, DateOnly? until, DateOnly day) =>
        stored == PolicyValidity.Repealed ? PolicyValidity.Repealed
        : until < day ? PolicyValidity.Expired
        : from > day ? PolicyValidity.NotYetInForce
        : PolicyValidity.Current;

    public static string CssClass(PolicyValidity v) => v == PolicyValidity.Current ? "tag tag-ok" : v == PolicyValidity.NotYetInForce ? "tag tag-pending" : "tag tag-muted";
}
