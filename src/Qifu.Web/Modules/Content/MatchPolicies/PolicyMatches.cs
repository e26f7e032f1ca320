using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Content.MatchPolicies;

/// <summary>One page of the enterprise's matches (<see cref="Paged{T}"/>: page, page size, total), its subscription and profile line.</summary>
public sealed record MyPolicies(Paged<PolicyMatch> Matches, bool Subscribed, string ProfileLine);

/// <summary>"适用于我的政策": matching for the signed-in enterprise, its subscription, and the notices subscribers get.</summary>
public sealed class PolicyMatches(AppDbContext db, PolicyCatalogue catalogue, Notifier notifier, TimeProvider clock)
{
    /// <summary>Page <paramref name="page"/> of the matches, <paramref name="pageSize"/> to a page (20 unless asked, 1–100, as every list).</summary>
    public async Task<MyPolicies?> ForAsync(ClaimsPrincipal user, int? page = null, int? pageSize = null)
    {
        var id = CurrentUser.EnterpriseId(user);
        if (id is null) return null;
        var profile = await ProfilesAsync(db.Enterprises.Where(e => e.Id == id)).ContinueWith(t => t.Result.FirstOrDefault());
        if (profile is null) return null;
        var names = await TagNamesAsync();
        var window = PageWindow.Of(page, pageSize);
        var (total, items) = PolicyMatcher.MatchPage(profile, await catalogue.EntriesAsync(db), clock.GetUtcNow().UtcDateTime, names,
            (int)Math.Min(window.Skip, int.MaxValue), window.Size);
        var matches = new Paged<PolicyMatch>(items, total, window.Number, window.Size);
        var subscribed = await db.PolicySubscriptions.AnyAsync(s => s.EnterpriseId == id);
        var line = $"{Platform.Regions.RegionCodes.NameOf(profile.RegionCode)} · {Industries.FindSection(profile.IndustrySection)?.Name ?? "行业未登记"} · " +
            $"{SizeClasses.Label(profile.SizeClass)}{(profile.SizeClass == SizeClass.Unknown ? "" : "企业")}" +
            (profile.Tags.Length > 0 ? " · " + string.Join("、", profile.Tags.Select(names)) : "");
        return new MyPolicies(matches, subscribed, line);
    }

    public async Task<bool?> SubscribeAsync(ClaimsPrincipal user, bool on)
    {
        var id = CurrentUser.EnterpriseId(user);
        if (id is null || !await db.Enterprises.AnyAsync(e => e.Id == id)) return null;
        var existing = await db.PolicySubscriptions.FirstOrDefaultAsync(s => s.EnterpriseId == id);
        if (on && existing is null) db.PolicySubscriptions.Add(new PolicySubscription { EnterpriseId = id.Value, CreatedAt = clock.GetUtcNow().UtcDateTime });
        if (!on && existing is not null) db.PolicySubscriptions.Remove(existing);
        await db.SaveChangesAsync();
        return on;
    }

    /// <summary>Tells subscribed enterprises that a policy just published fits them; runs in the publishing unit of work.</summary>
    public async Task TellSubscribersAsync(Article article, DateTime now)
    {
        if (article.Kind != ArticleKind.Policy || article.Policy is null) return;
        var entry = PolicyCatalogue.Entry(article.Id, article.Title, article.PublishAt ?? now, article.Policy);
        var subscribers = await ProfilesAsync(db.Enterprises.Where(e => db.PolicySubscriptions.Any(s => s.EnterpriseId == e.Id)
            && !db.PolicyNotices.Any(n => n.EnterpriseId == e.Id && n.ArticleId == article.Id && n.Kind == "new")));
        var names = await TagNamesAsync();
        var today = DateOnly.FromDateTime(now.AddHours(8));
        foreach (var e in subscribers)
        {
            if (PolicyMatcher.TryMatch(e, entry, now, today, names) is not { } m) continue;
            db.PolicyNotices.Add(new PolicyNotice { Id = Guid.NewGuid(), EnterpriseId = e.Id, ArticleId = article.Id, Kind = "new", SentAt = now });
            await notifier.NotifyAsync("policy.matched", new Parties(EnterpriseId: e.Id), $"新政策适用于本企业：{article.Title}",
                $"匹配原因：{m.Reason}。" + (m.Unchecked.Count > 0 ? $"请自行核对：{string.Join("；", m.Unchecked)}。" : ""), $"/articles/{article.Id}");
        }
    }

    /// <summary>Subscribed enterprises hear once, per policy, that a window they match closes within the configured days.</summary>
    public async Task<int> RemindClosingWindowsAsync(int days, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now.AddHours(8));
        var closing = (await catalogue.EntriesAsync(db, ct)).Where(p => p.ApplyUntil is { } u && u >= today && u.DayNumber - today.DayNumber <= days).ToList();
        if (closing.Count == 0) return 0;
        var ids = closing.Select(p => p.Id).ToList();
        var told = (await db.PolicyNotices.Where(n => n.Kind == "closing" && ids.Contains(n.ArticleId)).Select(n => new { n.EnterpriseId, n.ArticleId }).ToListAsync(ct))
            .Select(n => (n.EnterpriseId, n.ArticleId)).ToHashSet();
        var subscribers = await ProfilesAsync(db.Enterprises.Where(e => db.PolicySubscriptions.Any(s => s.EnterpriseId == e.Id)));
        var names = await TagNamesAsync();
        var sent = 0;
        foreach (var e in subscribers)
        foreach (var p in closing)
        {
            if (told.Contains((e.Id, p.Id)) || PolicyMatcher.TryMatch(e, p, now, today, names) is null) continue;
            db.PolicyNotices.Add(new PolicyNotice { Id = Guid.NewGuid(), EnterpriseId = e.Id, ArticleId = p.Id, Kind = "closing", SentAt = now });
            await notifier.NotifyAsync("policy.closing", new Parties(EnterpriseId: e.Id), $"政策申报即将截止：{p.Title}",
                $"申报截止日期为{p.ApplyUntil:yyyy年M月d日}，请抓紧准备申报材料。", $"/articles/{p.Id}");
            sent++;
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Another node told them first (the unique notice key): nothing is lost, nobody hears twice.
            return 0;
        }
        return sent;
    }

    private async Task<Func<string, string>> TagNamesAsync()
    {
        var names = await db.DictionaryItems.AsNoTracking().Where(d => d.Kind == DictionaryKinds.EnterpriseTag).ToDictionaryAsync(d => d.Code, d => d.Name);
        return code => names.GetValueOrDefault(code, code);
    }

    private static async Task<List<EnterpriseProfile>> ProfilesAsync(IQueryable<Enterprises.Data.Enterprise> q) =>
        (await q.AsNoTracking().Select(e => new { e.Id, e.RegionCode, e.IndustrySection, e.SizeClass, e.Tags }).ToListAsync())
        .Select(e => new EnterpriseProfile(e.Id, e.RegionCode, e.IndustrySection ?? "", e.SizeClass,
            e.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList();
}

/// <summary>The sweep behind "申报即将截止" notices (every six hours).</summary>
public sealed class RemindClosingWindows(PolicyMatches matches, SiteSettings settings) : IScheduledWork
{
    public async Task RunAsync(CancellationToken ct = default) =>
        await matches.RemindClosingWindowsAsync(await settings.GetIntAsync(ContentModule.WindowReminderDaysSetting), ct);
}
