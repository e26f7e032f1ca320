using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Content.MatchPolicies;

/// <summary>What matching knows about an enterprise: its profile, as codes.</summary>
public sealed record EnterpriseProfile(Guid Id, string RegionCode, string IndustrySection, SizeClass SizeClass, string[] Tags);

/// <summary>A policy that fits, why, and what the platform could not check.</summary>
public sealed record PolicyMatch(PolicyEntry Policy, int Score, IReadOnlyList<string> Reasons, IReadOnlyList<string> Unchecked)
{
    public string Reason => Reasons.Count == 0 ? "面向所有企业" : string.Join("；", Reasons);
}

/// <summary>
/// Hard filters first (DOMAIN.md §2.4): in force, published, application window open, size class, industry section, region
/// (a city-wide policy covers every county) and qualifications (any one of those listed). A condition the profile cannot
/// answer (size unknown, a condition written in words) does not exclude: it is listed as not checked. The score ranks what
/// is left: each condition the enterprise was checked against counts (a targeted policy before a general one), a window
/// closing within 30 days and a local policy come next, then the newest.
/// </summary>
public static class PolicyMatcher
{
    public static List<PolicyMatch> Match(EnterpriseProfile e, IReadOnlyList<PolicyEntry> policies, DateTime now, Func<string, string> tagName, int? take = null)
    {
        var today = DateOnly.FromDateTime(now.AddHours(8));
        var found = new List<PolicyMatch>();
        foreach (var p in policies)
            if (TryMatch(e, p, now, today, tagName) is { } m) found.Add(m);
        var ranked = found.OrderByDescending(m => m.Score).ThenBy(m => m.Policy.ApplyUntil ?? DateOnly.MaxValue)
            .ThenByDescending(m => m.Policy.PublishAt).ThenBy(m => m.Policy.Id);
        return (take is { } n ? ranked.Take(n) : ranked).ToList();
    }

    public static PolicyMatch? TryMatch(EnterpriseProfile e, PolicyEntry p, DateTime now, DateOnly today, Func<string, string> tagName)
    {
        if (p.PublishAt > now || !p.IsInForceOn(today) || !p.WindowOpenOn(today)) return null;
        var reasons = new List<string>(4);
        var notChecked = new List<string>();
        var score = 0;
        if (p.SizeMask != 0)
        {
            var wanted = string.Join("、", Enum.GetValues<SizeClass>().Where(c => (p.SizeMask & (1 << (int)c)) != 0).Select(SizeClasses.Label));
            if (e.SizeClass == SizeClass.Unknown) notChecked.Add($"企业规模（政策面向{wanted}企业，您的企业规模暂无法划分）");
            else if ((p.SizeMask & (1 << (int)e.SizeClass)) == 0) return null;
            else { reasons.Add($"规模：{SizeClasses.Label(e.SizeClass)}企业（政策面向{wanted}企业）"); score += 10; }
        }
        if (p.Sections.Length > 0)
        {
            if (string.IsNullOrEmpty(e.IndustrySection)) notChecked.Add("所属行业（企业未登记行业）");
            else if (Array.IndexOf(p.Sections, e.IndustrySection) < 0) return null;
            else { reasons.Add($"行业：{Industries.FindSection(e.IndustrySection)?.Name ?? e.IndustrySection}"); score += 10; }
        }
        if (p.Regions.Length > 0)
        {
            if (Array.IndexOf(p.Regions, e.RegionCode) >= 0) { reasons.Add($"区域：{RegionCodes.NameOf(e.RegionCode)}"); score += 10; }
            else if (Array.IndexOf(p.Regions, RegionCodes.City) >= 0 && RegionCodes.Exists(e.RegionCode))
            {
                reasons.Add(e.RegionCode == RegionCodes.City ? "区域：衡阳市" : $"区域：{RegionCodes.NameOf(e.RegionCode)}（属衡阳市，政策全市适用）");
                score += 5;
            }
            else return null;
        }
        if (p.Qualifications.Length > 0)
        {
            var held = p.Qualifications.Where(q => Array.IndexOf(e.Tags, q) >= 0).ToList();
            if (held.Count == 0) return null;
            reasons.Add($"资质：{string.Join("、", held.Select(tagName))}");
            score += 15;
        }
        foreach (var c in p.OtherConditions) notChecked.Add(c);
        if (p.ApplyUntil is { } until)
        {
            var days = until.DayNumber - today.DayNumber;
            reasons.Add($"申报截止：{until:yyyy-MM-dd}（还剩{days}天）");
            if (days <= 30) score += 3;
        }
        if (p.Level is Data.PolicyLevel.City or Data.PolicyLevel.County) score += 2;
        return new PolicyMatch(p, score, reasons, notChecked);
    }
}
