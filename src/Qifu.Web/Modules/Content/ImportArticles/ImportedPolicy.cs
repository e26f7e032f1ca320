using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Content.PublishArticles;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Content.ImportArticles;

/// <summary>
/// The policy columns of an import row (an .xlsx row, or the &lt;meta&gt; tags of an HTML page) read into
/// <see cref="PolicyDetails"/>: names turned into codes, then checked by the same rules as the form (<see cref="ArticleInput"/>'s
/// annotations and <see cref="ArticleHandler.Fill"/>). Lists take names separated by 、 or commas; 不限 says "no restriction".
/// A row with none of the four applicability columns filled is kept as <see cref="PolicyDetails.ApplicabilityUnknown"/>.
/// </summary>
public static class ImportedPolicy
{
    /// <summary>Each policy column, the &lt;meta name&gt; an HTML page carries it in, and what to write (shown on the import page).</summary>
    public static readonly (string Column, string Meta, string Hint)[] Columns =
    [
        ("索引号", "IndexNumber", "如 430400-2026-00012"),
        ("发文机关", "Issuer", "必填，如 衡阳市工业和信息化局"),
        ("发文字号", "DocumentNumber", "如 衡工信发〔2026〕12号"),
        ("成文日期", "WrittenDate", "如 2026-03-10"),
        ("政策层级", "PolicyLevel", "必填：国家、省级、市级或区县"),
        ("政策主题", "PolicyTheme", "必填：" + string.Join("、", PolicyTerms.Themes)),
        ("支持方式", "SupportType", string.Join("、", PolicyTerms.SupportTypes)),
        ("有效性", "Validity", "现行有效（默认）或已废止；过了有效期至自动为已失效"),
        ("有效期自", "ValidFrom", "日期"),
        ("有效期至", "ValidUntil", "日期，不填为长期"),
        ("废止日期", "RepealedDate", "已废止时必填"),
        ("适用规模", "ApplicableSizes", "大型、中型、小型、微型，或不限"),
        ("适用行业", "ApplicableIndustries", "国民经济行业门类名称或字母（如 制造业、C），或不限"),
        ("适用区域", "ApplicableRegions", "衡阳市（全市）或县市区名称，或不限"),
        ("资质要求", "Qualifications", "企业标签名称（如 专精特新中小企业，具备其一即可），或不限"),
        ("其他申报条件", "OtherConditions", "平台无法核对的条件，用分号分隔"),
        ("申报开始", "ApplyFrom", "日期"),
        ("申报截止", "ApplyUntil", "日期"),
    ];

    private const string NoRestriction = "不限";
    private static readonly char[] Separators = ['、', ',', '，', ';', '；'];

    /// <summary>The form's field (as named in ArticleInput and rule violations) → the import column.</summary>
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(ArticleInput.IndexNumber)] = "索引号", [nameof(ArticleInput.Issuer)] = "发文机关", [nameof(ArticleInput.DocumentNumber)] = "发文字号",
        [nameof(ArticleInput.Level)] = "政策层级", [nameof(ArticleInput.Theme)] = "政策主题", [nameof(ArticleInput.SupportType)] = "支持方式",
        [nameof(ArticleInput.Validity)] = "有效性", [nameof(ArticleInput.RepealedOn)] = "废止日期", [nameof(ArticleInput.ValidFrom)] = "有效期自",
        [nameof(ArticleInput.ValidUntil)] = "有效期至", [nameof(ArticleInput.ApplyFrom)] = "申报开始", [nameof(ArticleInput.ApplyUntil)] = "申报截止",
        [nameof(ArticleInput.OtherConditions)] = "其他申报条件",
    };

    /// <param name="tags">Enterprise tag names and codes → code.</param>
    /// <param name="error">Called with (column, message) for each problem; null is returned when there was one.</param>
    public static PolicyDetails? Read(ArticleImportRow r, DateOnly? issuedOn, DateOnly today, IReadOnlyDictionary<string, string> tags,
        Action<string, string> error)
    {
        var failed = new HashSet<string>();
        void Fail(string column, string message)
        {
            if (failed.Add(column)) error(column, message);
        }

        PolicyLevel? level = r.Level?.Trim() switch
        {
            "国家" or "国家级" => PolicyLevel.National, "省级" or "省" => PolicyLevel.Province, "市级" or "市" => PolicyLevel.City,
            "区县" or "县级" => PolicyLevel.County, _ => null,
        };
        if (level is null) Fail("政策层级", "请填写国家、省级、市级或区县");
        if (!PolicyTerms.Themes.Contains(r.Theme?.Trim())) Fail("政策主题", $"请填写以下之一：{string.Join("、", PolicyTerms.Themes)}");
        var supportType = r.SupportType?.Trim() ?? "";
        if (supportType.Length > 0 && !PolicyTerms.SupportTypes.Contains(supportType))
            Fail("支持方式", $"请填写以下之一：{string.Join("、", PolicyTerms.SupportTypes)}，或留空");
        var validityText = r.Validity?.Trim() ?? "";
        PolicyValidity? validity = validityText.Length == 0 ? PolicyValidity.Current
            : PolicyTerms.Validities.Cast<PolicyValidity?>().FirstOrDefault(v => PolicyTerms.Label(v!.Value) == validityText);
        if (validity is null) Fail("有效性", "请填写现行有效或已废止");

        DateOnly? Day(string column, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (ParseDay(text) is { } d) return d;
            Fail(column, $"“{text.Trim()}”不是日期，请写成 2026-03-18");
            return null;
        }
        var written = Day("成文日期", r.WrittenOn);
        var validFrom = Day("有效期自", r.ValidFrom);
        var validUntil = Day("有效期至", r.ValidUntil);
        var repealedOn = Day("废止日期", r.RepealedOn);
        var applyFrom = Day("申报开始", r.ApplyFrom);
        var applyUntil = Day("申报截止", r.ApplyUntil);

        List<string> Codes(string column, string? text, Func<string, string?> code, string expected)
        {
            var names = (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names is [NoRestriction]) return [];
            var codes = new List<string>();
            foreach (var name in names)
            {
                if (code(name) is { } c) { if (!codes.Contains(c)) codes.Add(c); }
                else Fail(column, $"无法识别“{name}”：请填写{expected}，多个用顿号分隔，或填“不限”");
            }
            return codes;
        }
        var sizes = Codes("适用规模", r.Sizes, n => Enum.GetValues<SizeClass>().Where(c => c != SizeClass.Unknown)
            .Cast<SizeClass?>().FirstOrDefault(c => SizeClasses.Label(c!.Value) == n || SizeClasses.Label(c.Value) + "企业" == n)?.ToString(), "大型、中型、小型、微型");
        var sections = Codes("适用行业", r.Industries, n => (Industries.FindSection(n)
            ?? Industries.Sections.FirstOrDefault(s => n == s.Name || n.Replace(" ", "") == s.Code + s.Name))?.Code, "国民经济行业门类，如 制造业 或 C");
        var regions = Codes("适用区域", r.Regions, n => RegionCodes.Hengyang.FirstOrDefault(x => x.Name == n || x.Code == n)?.Code, "衡阳市或所辖县（市、区）的名称");
        var quals = Codes("资质要求", r.Qualifications, n => tags.GetValueOrDefault(n), $"企业标签（{string.Join("、", tags.Keys.Where(k => !k.All(char.IsAscii)))}）");

        var input = new ArticleInput
        {
            Kind = ArticleKind.Policy, Title = "—", Body = "—", IndexNumber = r.IndexNumber?.Trim(), Issuer = r.Issuer?.Trim(), DocumentNumber = r.DocumentNumber?.Trim(),
            WrittenOn = written, IssuedOn = issuedOn, Validity = validity, RepealedOn = repealedOn, ValidFrom = validFrom, ValidUntil = validUntil,
            Level = level, Theme = r.Theme?.Trim(), SupportType = supportType, SizeClasses = sizes, IndustrySections = sections, Regions = regions,
            Qualifications = quals, OtherConditions = string.Join("\n", (r.OtherConditions ?? "").Split(['\n', ';', '；'],
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            ApplyFrom = applyFrom, ApplyUntil = applyUntil,
        };
        // The form's own rules: lengths, 发文机关 required, an end before its start, a repeal without its date.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        foreach (var result in results)
            foreach (var member in result.MemberNames)
                if (ColumnOfField.TryGetValue(member, out var column)) Fail(column, result.ErrorMessage ?? "");
        if (failed.Count > 0) return null;
        try
        {
            var policy = ArticleHandler.Fill(new PolicyDetails(), input, today);
            policy.ApplicabilityUnknown = new[] { r.Sizes, r.Industries, r.Regions, r.Qualifications }.All(string.IsNullOrWhiteSpace);
            return policy;
        }
        catch (RuleViolationException rule)
        {
            Fail(rule.Field is { } f && ColumnOfField.TryGetValue(f, out var column) ? column : "政策信息", rule.Message);
            return null;
        }
    }

    /// <summary>A date as people type it (2026-03-18, 2026/3/18) or as Excel stores it (a serial number).</summary>
    public static DateOnly? ParseDay(string? text)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return DateOnly.FromDateTime(d);
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 100000)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return null;
    }
}
