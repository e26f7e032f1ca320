using Qifu.Web.Modules.Content.Data;
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
/// Hard filters first (DOMAIN.md §2.4): in force (现行有效 by its dates, China time), conditions entered, published, application window open, size class, industry section, region
/// (a city-wide policy covers every county) and qualifications (any one of those listed). A condition the profile cannot
/// answer (size unknown, a condition written in words) does not exclude: it is listed as not checked. The score ranks what
/// is left: each condition the enterprise was checked against counts (a targeted policy before a general one), a window
/// closing within 30 days and a local policy come next, then the newest. The filter and score pass allocates nothing;
/// reasons are written only for the policies returned.
/// </summary>
public static class PolicyMatcher
{
    public static List<PolicyMatch> Match(EnterpriseProfile e, IReadOnlyList<PolicyEntry> policies, DateTime now, Func<string, string> tagName, int? take = null) =>
        MatchPage(e, policies, now, tagName, 0, take).Items;

    /// <summary>The matches from <paramref name="skip"/>, at most <paramref name="take"/> of them, and how many match in all.</summary>
    public static (int Total, List<PolicyMatch> Items) MatchPage(EnterpriseProfile e, IReadOnlyList<PolicyEntry> policies, DateTime now,
        Func<string, string> tagName, int skip, int? take)
    {
        var today = Platform.Regions.HengyangCalendar.DayOf(now);
        var sizeBit = e.SizeClass == SizeClass.Unknown ? 0 : 1 << (int)e.SizeClass;
        var hits = new List<(int Score, PolicyEntry Policy)>();
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            var score = Score(e, sizeBit, p, now, today);
            if (score >= 0) hits.Add((score, p));
        }
        hits.Sort(static (a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            if (c != 0) return c;
            c = (a.Policy.ApplyUntil ?? DateOnly.MaxValue).CompareTo(b.Policy.ApplyUntil ?? DateOnly.MaxValue);
            if (c != 0) return c;
            c = b.Policy.PublishAt.CompareTo(a.Policy.PublishAt);
            return c != 0 ? c : a.Policy.Id.CompareTo(b.Policy.Id);
        });
        var from = Math.Clamp(skip, 0, hits.Count);
        var to = Math.Min(from + (take ?? hits.Count), hits.Count);
        var result = new List<PolicyMatch>(to - from);
        for (var i = from; i < to; i++) result.Add(Explain(e, hits[i].Policy, hits[i].Score, today, tagName));
        return (hits.Count, result);
    }

    public static PolicyMatch? TryMatch(EnterpriseProfile e, PolicyEntry p, DateTime now, DateOnly today, Func<string, string> tagName)
    {
        var score = Score(e, e.SizeClass == SizeClass.Unknown ? 0 : 1 << (int)e.SizeClass, p, now, today);
        return score < 0 ? null : Explain(e, p, score, today, tagName);
    }

    /// <summary>-1 when a hard condition fails; otherwise the rank score.</summary>
    private static int Score(EnterpriseProfile e, int sizeBit, PolicyEntry p, DateTime now, DateOnly today)
    {
        // Conditions never entered (an imported policy) are not "every enterprise": left out (docs/decisions/0024).
        if (p.ApplicabilityUnknown || p.PublishAt > now || !p.IsInForceOn(today) || !p.WindowOpenOn(today)) return -1;
        var score = 0;
        if (p.SizeMask != 0 && sizeBit != 0)
        {
            if ((p.SizeMask & sizeBit) == 0) return -1;
            score += 10;
        }
        if (p.Sections.Length > 0 && e.IndustrySection.Length > 0)
        {
            if (Array.IndexOf(p.Sections, e.IndustrySection) < 0) return -1;
            score += 10;
        }
        if (p.Regions.Length > 0)
        {
            if (Array.IndexOf(p.Regions, e.RegionCode) >= 0) score += 10;
            else if (Array.IndexOf(p.Regions, RegionCodes.City) >= 0 && RegionCodes.Exists(e.RegionCode)) score += 5;
            else return -1;
        }
        if (p.Qualifications.Length > 0)
        {
            var held = false;
            foreach (var q in p.Qualifications) if (Array.IndexOf(e.Tags, q) >= 0) { held = true; break; }
            if (!held) return -1;
            score += 15;
        }
        if (p.ApplyUntil is { } until && until.DayNumber - today.DayNumber <= 30) score += 3;
        if (p.Level is Data.PolicyLevel.City or Data.PolicyLevel.County) score += 2;
        return score;
    }

    private static PolicyMatch Explain(EnterpriseProfile e, PolicyEntry p, int score, DateOnly today, Func<string, string> tagName)
    {
        var reasons = new List<string>(4);
        var notChecked = new List<string>();
        if (p.SizeMask != 0)
        {
            var wanted = string.Join("、", Enum.GetValues<SizeClass>().Where(c => (p.SizeMask & (1 << (int)c)) != 0).Select(SizeClasses.Label));
            if (e.SizeClass == SizeClass.Unknown) notChecked.Add($"企业规模（政策面向{wanted}企业，您的企业规模暂无法划分）");
            else reasons.Add($"规模：{SizeClasses.Label(e.SizeClass)}企业（政策面向{wanted}企业）");
        }
        if (p.Sections.Length > 0)
        {
            if (e.IndustrySection.Length == 0) notChecked.Add("所属行业（企业未登记行业）");
            else reasons.Add($"行业：{Industries.FindSection(e.IndustrySection)?.Name ?? e.IndustrySection}");
        }
        if (p.Regions.Length > 0)
            reasons.Add(Array.IndexOf(p.Regions, e.RegionCode) >= 0 ? $"区域：{RegionCodes.NameOf(e.RegionCode)}"
                : e.RegionCode == RegionCodes.City ? "区域：衡阳市" : $"区域：{RegionCodes.NameOf(e.RegionCode)}（属衡阳市，政策全市适用）");
        if (p.Qualifications.Length > 0)
            reasons.Add($"资质：{string.Join("、", p.Qualifications.Where(q => Array.IndexOf(e.Tags, q) >= 0).Select(tagName))}");
        notChecked.AddRange(p.OtherConditions);
        if (p.ApplyUntil is { } until) reasons.Add($"申报截止：{until:yyyy-MM-dd}（还剩{until.DayNumber - today.DayNumber}天）");
        return new PolicyMatch(p, score, reasons, notChecked);
    }
}
