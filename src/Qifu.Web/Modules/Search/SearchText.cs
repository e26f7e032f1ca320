namespace Qifu.Web.Modules.Search;

/// <summary>Helpers for sources building a <see cref="SearchDocument"/> (rich text becomes plain text with <c>RichText.ToPlainText</c>).</summary>
public static class SearchText
{
    /// <summary>Joins non-empty parts with line breaks (a break keeps words of different parts from forming bigrams together).</summary>
    public static string Join(params string?[] parts) => string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
}

/// <summary>
/// The values of the shared facets where they are codes (URL parameters and API values) and what users read for them.
/// Rating bands are cumulative: an item rated 4.6 is in 4.5, 4 and 3, so "4 分以上" counts everything at or above 4.
/// </summary>
public static class FacetValues
{
    public const string FeeFree = "free";
    public const string FeePublic = "public";
    public const string FeeDiscounted = "discounted";
    public const string FeeMarket = "market";
    public const string ModeOnline = "online";
    public const string ModeOnSite = "onsite";
    public const string Unrated = "none";

    public static readonly (string Code, string Label)[] Fees = [(FeeFree, "免费"), (FeePublic, "公益"), (FeeDiscounted, "优惠"), (FeeMarket, "市场价")];
    public static readonly (string Code, string Label)[] Modes = [(ModeOnline, "线上"), (ModeOnSite, "线下")];
    public static readonly (string Code, string Label, double Min)[] RatingBands = [("4.5", "4.5 分以上", 4.5), ("4", "4 分以上", 4), ("3", "3 分以上", 3)];

    /// <summary>The bands a rating falls in; no rating yet → 暂无评价.</summary>
    public static IReadOnlyList<string> RatingBandsOf(double? rating) =>
        rating is { } r ? RatingBands.Where(b => r >= b.Min).Select(b => b.Code).ToList() : [Unrated];

    public static string RatingLabel(string code) =>
        code == Unrated ? "暂无评价" : RatingBands.FirstOrDefault(b => b.Code == code).Label ?? code;
}
