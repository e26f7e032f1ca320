using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Content.MatchPolicies;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Content.PublishArticles;

public sealed record ManagedArticleFilter
{
    public ArticleKind? Kind { get; init; }
    public ArticleStatus? Status { get; init; }
    public string? Q { get; init; }
    public int? Page { get; init; }
}

public sealed record ManagedArticleRow(Guid Id, string Title, ArticleKind Kind, string Column, string RegionCode, ArticleStatus Status,
    DateTime? PublishAt, bool IsPinned, int ViewCount, DateTime UpdatedAt);

/// <summary>
/// Operators write and publish articles. A city operator publishes anywhere; a county operator only on their own sub-site,
/// and while "county articles require city review" is on their articles wait for a city operator. Everything outside the
/// caller's scope is "not found".
/// </summary>
public sealed class ArticleHandler(AppDbContext db, ArticleFiles files, AuditTrail audit, Notifier notifier, SiteSettings settings,
    PolicyMatches matches, PolicyCatalogue catalogue, TimeProvider clock)
{
    public async Task<Paged<ManagedArticleRow>> ListAsync(ClaimsPrincipal user, ManagedArticleFilter f)
    {
        var q = DataScope.Of(user).Apply(db.Articles.AsNoTracking(), a => a.RegionCode);
        if (f.Kind is { } k) q = q.Where(a => a.Kind == k);
        if (f.Status is { } s) q = q.Where(a => a.Status == s);
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(a => a.Title.Contains(f.Q.Trim()));
        return await Paged<ManagedArticleRow>.OfAsync(
            q.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id)
                .Select(a => new ManagedArticleRow(a.Id, a.Title, a.Kind, a.Column, a.RegionCode, a.Status, a.PublishAt, a.IsPinned, a.ViewCount, a.UpdatedAt)),
            f.Page, 20, r => r);
    }

    public async Task<Article?> FindAsync(ClaimsPrincipal user, Guid id, bool tracked = false)
    {
        var q = DataScope.Of(user).Apply(tracked ? db.Articles : db.Articles.AsNoTracking(), a => a.RegionCode);
        return await q.FirstOrDefaultAsync(a => a.Id == id);
    }

    public async Task<bool> ReviewRequiredAsync(ClaimsPrincipal user) =>
        !DataScope.Of(user).All && await settings.GetIntAsync(ContentModule.CountyReviewSetting) == 1;

    public async Task<Article> CreateAsync(ClaimsPrincipal user, ArticleInput input, IFormFile? cover, IReadOnlyList<IFormFile> attachments, bool submit)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var article = new Article { Id = Guid.NewGuid(), RegionCode = RegionFor(user, input.RegionCode), CreatedAt = now, CreatedBy = CurrentUser.Id(user) };
        await ApplyAsync(article, input);
        var saved = await files.SaveCoverAsync(cover, article.Id, CurrentUser.Id(user));
        if (saved.Count > 0) article.CoverFileId = saved[0].Id;
        try { saved.AddRange(await files.SaveAttachmentsAsync(attachments, article.Id, CurrentUser.Id(user))); }
        catch { files.Discard(saved); throw; }
        article.Touch(now);
        db.Articles.Add(article);
        db.Files.AddRange(saved);
        audit.Record("新建文章", ContentModule.AuditEntityType, article.Id, article.RegionCode, null, article.Snapshot());
        if (submit) await SubmitOrPublishAsync(user, article, input.PublishAt, now);
        await SaveAsync(article, saved);
        return article;
    }

    public async Task<Article?> UpdateAsync(ClaimsPrincipal user, Guid id, ArticleInput input, IFormFile? cover, IReadOnlyList<IFormFile> attachments, bool submit)
    {
        var article = await FindAsync(user, id, tracked: true);
        if (article is null) return null;
        article.EnsureEditable();
        var now = clock.GetUtcNow().UtcDateTime;
        var before = article.Snapshot();
        var oldKind = article.Kind;
        var wasVisible = article.IsVisibleAt(now);
        article.RegionCode = RegionFor(user, input.RegionCode ?? article.RegionCode);
        await ApplyAsync(article, input);
        var saved = await files.SaveCoverAsync(cover, article.Id, CurrentUser.Id(user));
        List<StoredFile> replaced = [];
        if (saved.Count > 0)
        {
            replaced = await files.ListAsync(article.Id, ArticleFiles.CoverOwner, tracked: true);
            article.CoverFileId = saved[0].Id;
        }
        try { saved.AddRange(await files.SaveAttachmentsAsync(attachments, article.Id, CurrentUser.Id(user))); }
        catch { files.Discard(saved); throw; }
        article.Touch(now);
        db.Files.RemoveRange(replaced);
        db.Files.AddRange(saved);
        // A county's change to a published article is reviewed again when the city reviews county articles.
        if (submit || (article.Status == ArticleStatus.Published && await ReviewRequiredAsync(user)))
            await SubmitOrPublishAsync(user, article, input.PublishAt, now);
        audit.Record("修改文章", ContentModule.AuditEntityType, article.Id, article.RegionCode, before, article.Snapshot());
        if (wasVisible || article.Status == ArticleStatus.Published)
        {
            SearchLog.Changed(db, ArticleKinds.SearchKind(oldKind), article.Id, now);
            if (oldKind != article.Kind) SearchLog.Changed(db, ArticleKinds.SearchKind(article.Kind), article.Id, now);
        }
        await SaveAsync(article, saved);
        files.Discard(replaced);
        return article;
    }

    /// <summary>Publish (now or at the time set) or, for a county while the city reviews, send to review.</summary>
    public async Task<Article?> SubmitAsync(ClaimsPrincipal user, Guid id, DateTime? publishAt)
    {
        var article = await FindAsync(user, id, tracked: true);
        if (article is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await SubmitOrPublishAsync(user, article, publishAt, now);
        await SaveAsync(article, []);
        return article;
    }

    public async Task<Article?> ApproveAsync(ClaimsPrincipal user, Guid id)
    {
        var article = await FindAsync(user, id, tracked: true);
        if (article is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = article.Snapshot();
        article.Approve(now);
        audit.Record("审核通过文章", ContentModule.AuditEntityType, id, article.RegionCode, before, article.Snapshot());
        await AnnounceIfDueAsync(article, now);
        await SaveAsync(article, []);
        return article;
    }

    public async Task<Article?> RejectAsync(ClaimsPrincipal user, Guid id, string? reason)
    {
        var article = await FindAsync(user, id, tracked: true);
        if (article is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = article.Snapshot();
        article.Reject(reason, now);
        audit.Record("驳回文章", ContentModule.AuditEntityType, id, article.RegionCode, before, article.Snapshot(), article.RejectReason);
        await notifier.NotifyAsync("article.rejected", new Parties(RegionCode: article.RegionCode), $"文章被驳回：{article.Title}",
            $"驳回原因：{article.RejectReason}", $"/manage/articles/{id}");
        await SaveAsync(article, []);
        return article;
    }

    public async Task<Article?> WithdrawAsync(ClaimsPrincipal user, Guid id, string? reason)
    {
        var article = await FindAsync(user, id, tracked: true);
        if (article is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = article.Snapshot();
        article.Withdraw(reason, now);
        audit.Record("撤回文章", ContentModule.AuditEntityType, id, article.RegionCode, before, article.Snapshot(), article.WithdrawReason);
        SearchLog.Changed(db, ArticleKinds.SearchKind(article.Kind), id, now);
        await SaveAsync(article, []);
        return article;
    }

    public async Task<Article?> PinAsync(ClaimsPrincipal user, Guid id, bool pinned)
    {
        var article = await FindAsync(user, id, tracked: true);
        if (article is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var before = article.Snapshot();
        article.IsPinned = pinned;
        article.Touch(now);
        audit.Record(pinned ? "置顶文章" : "取消置顶文章", ContentModule.AuditEntityType, id, article.RegionCode, before, article.Snapshot());
        SearchLog.Changed(db, ArticleKinds.SearchKind(article.Kind), id, now); // lists change order (ArticleListCache)
        await SaveAsync(article, []);
        return article;
    }

    /// <summary>
    /// Published articles whose time has come but that search and subscribers have not heard of (scheduled ones, or one
    /// published on a node that failed before telling): tell them now. Each is changed under its concurrency token.
    /// </summary>
    public async Task<int> ReleaseDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.AnnouncedAt == null && a.PublishAt <= now)
            .OrderBy(a => a.PublishAt).Take(200).ToListAsync(ct);
        var released = 0;
        foreach (var article in due)
        {
            await AnnounceIfDueAsync(article, now);
            try
            {
                await db.SaveChangesAsync(ct);
                released++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
        if (released > 0) catalogue.Invalidate();
        return released;
    }

    private async Task SubmitOrPublishAsync(ClaimsPrincipal user, Article article, DateTime? publishAt, DateTime now)
    {
        var before = article.Snapshot();
        if (publishAt is { } at) article.PublishAt = ToUtc(at);
        if (await ReviewRequiredAsync(user))
        {
            article.SubmitForReview(now);
            audit.Record("提交文章审核", ContentModule.AuditEntityType, article.Id, article.RegionCode, before, article.Snapshot());
            SearchLog.Changed(db, ArticleKinds.SearchKind(article.Kind), article.Id, now);
            await notifier.NotifyAsync("article.submitted", new Parties(RegionCode: article.RegionCode), $"区县文章待审核：{article.Title}",
                $"{RegionCodes.NameOf(article.RegionCode)}提交了{ArticleKinds.Label(article.Kind)}，请审核。", $"/manage/articles/{article.Id}");
            return;
        }
        article.Publish(publishAt is { } p ? ToUtc(p) : null, now);
        audit.Record(article.PublishAt > now ? "定时发布文章" : "发布文章", ContentModule.AuditEntityType, article.Id, article.RegionCode, before, article.Snapshot());
        await AnnounceIfDueAsync(article, now);
    }

    private async Task AnnounceIfDueAsync(Article article, DateTime now)
    {
        SearchLog.Changed(db, ArticleKinds.SearchKind(article.Kind), article.Id, now);
        if (!article.IsVisibleAt(now)) return;
        await matches.TellSubscribersAsync(article, now);
        article.MarkAnnounced(now);
    }

    private async Task SaveAsync(Article article, List<StoredFile> added)
    {
        try { await db.SaveChangesAsync(); }
        catch
        {
            files.Discard(added);
            throw;
        }
        if (article.Kind == ArticleKind.Policy) catalogue.Invalidate();
    }

    /// <summary>A time without an offset is Beijing time (the form's datetime-local); one with an offset is taken as it is.</summary>
    private static DateTime ToUtc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t.AddHours(-8), DateTimeKind.Utc),
    };

    /// <summary>A county operator writes for their county; the city for the city or any county it names.</summary>
    private static string RegionFor(ClaimsPrincipal user, string? requested)
    {
        var scope = DataScope.Of(user);
        if (!scope.All) return scope.RegionCode!;
        if (string.IsNullOrWhiteSpace(requested)) return RegionCodes.City;
        if (!RegionCodes.Exists(requested))
            throw new RuleViolationException("REGION_INVALID", "请选择有效的所属站点", "regionCode", 400);
        return requested;
    }

    /// <summary>Checks what DataAnnotations cannot (codes exist, the column belongs to the kind) and copies the input in.</summary>
    private async Task ApplyAsync(Article a, ArticleInput input)
    {
        var kind = input.Kind!.Value;
        var column = string.IsNullOrWhiteSpace(input.Column) ? ArticleColumns.DefaultOf(kind) : input.Column.Trim();
        if (ArticleColumns.Find(column) is not { } c || c.Kind != kind)
            throw new RuleViolationException("COLUMN_INVALID", $"栏目与文章类型“{ArticleKinds.Label(kind)}”不符", "column", 400);
        var body = RichText.Sanitize(input.Body);
        if (RichText.ToPlainText(body).Length < 10)
            throw new RuleViolationException("BODY_TOO_SHORT", "正文至少需要10个字", "body", 400);
        a.Kind = kind;
        a.Column = column;
        a.Title = input.Title.Trim();
        a.Summary = string.IsNullOrWhiteSpace(input.Summary) ? Shorten(RichText.ToPlainText(body), 120) : input.Summary.Trim();
        a.Body = body;
        a.Source = input.Source?.Trim() ?? "";
        a.Author = input.Author?.Trim() ?? "";
        a.IsPinned = input.IsPinned ?? a.IsPinned; // an API update that leaves the pin out keeps it
        a.InterpretsPolicyId = null;
        if (kind == ArticleKind.Interpretation && input.InterpretsPolicyId is { } policyId)
        {
            if (!await db.Articles.AnyAsync(x => x.Id == policyId && x.Kind == ArticleKind.Policy))
                throw new RuleViolationException("POLICY_NOT_FOUND", "所解读的政策不存在", "interpretsPolicyId", 400);
            a.InterpretsPolicyId = policyId;
        }
        a.Policy = kind == ArticleKind.Policy ? await PolicyOfAsync(input, a.Policy) : null;
    }

    private async Task<PolicyDetails> PolicyOfAsync(ArticleInput i, PolicyDetails? existing)
    {
        if (string.IsNullOrWhiteSpace(i.Theme) || !PolicyTerms.Themes.Contains(i.Theme))
            throw new RuleViolationException("THEME_INVALID", "请选择有效的政策主题", "theme", 400);
        if (!string.IsNullOrWhiteSpace(i.SupportType) && !PolicyTerms.SupportTypes.Contains(i.SupportType))
            throw new RuleViolationException("SUPPORT_TYPE_INVALID", "请选择有效的支持方式", "supportType", 400);
        var sizes = Clean(i.SizeClasses);
        if (sizes.Any(s => !Enum.TryParse<SizeClass>(s, out var c) || c == SizeClass.Unknown || !Enum.IsDefined(c) || int.TryParse(s, out _)))
            throw new RuleViolationException("SIZE_CLASS_INVALID", "适用企业规模只能选择大型、中型、小型、微型", "sizeClasses", 400);
        var sections = Clean(i.IndustrySections).Select(s => s.ToUpperInvariant()).ToList();
        if (sections.Any(s => Industries.FindSection(s) is null))
            throw new RuleViolationException("INDUSTRY_INVALID", "适用行业须为国民经济行业门类（A–T）", "industrySections", 400);
        var regions = Clean(i.Regions);
        if (regions.Any(r => !RegionCodes.Exists(r)))
            throw new RuleViolationException("REGION_INVALID", "适用区域须为衡阳市或其所辖县（市、区）", "regions", 400);
        var quals = Clean(i.Qualifications);
        if (quals.Count > 0)
        {
            var known = await db.DictionaryItems.Where(d => d.Kind == DictionaryKinds.EnterpriseTag).Select(d => d.Code).ToListAsync();
            if (quals.Any(q => !known.Contains(q)))
                throw new RuleViolationException("QUALIFICATION_INVALID", "企业资质要求须从数据字典的企业标签中选择", "qualifications", 400);
        }
        return Fill(existing ?? new PolicyDetails(), i with { SizeClasses = sizes, IndustrySections = sections, Regions = regions, Qualifications = quals },
            TodayInChina());
    }

    private DateOnly TodayInChina() => Platform.Regions.HengyangCalendar.Today(clock);

    /// <summary>
    /// Copies a checked policy input into its details (the form, the API and the import alike). Entered here means entered:
    /// empty applicability lists are "no restriction" and <see cref="PolicyDetails.ApplicabilityUnknown"/> is cleared.
    /// </summary>
    internal static PolicyDetails Fill(PolicyDetails p, ArticleInput i, DateOnly today)
    {
        var validity = i.Validity ?? PolicyValidity.Current;
        if (validity == PolicyValidity.Repealed && i.RepealedOn > today)
            throw new RuleViolationException("REPEALED_ON_INVALID", "废止日期不能晚于今天；尚未废止的政策请填写有效期截止日期", "repealedOn", 400);
        p.IndexNumber = i.IndexNumber?.Trim() ?? "";
        p.Issuer = i.Issuer!.Trim();
        p.DocumentNumber = i.DocumentNumber?.Trim() ?? "";
        p.WrittenOn = i.WrittenOn;
        p.IssuedOn = i.IssuedOn;
        p.Validity = validity;
        p.RepealedOn = validity == PolicyValidity.Repealed ? i.RepealedOn : null;
        p.ValidFrom = i.ValidFrom;
        p.ValidUntil = i.ValidUntil;
        p.Level = i.Level!.Value;
        p.Theme = i.Theme!;
        p.SupportType = i.SupportType?.Trim() ?? "";
        p.SizeClasses = string.Join(',', i.SizeClasses);
        p.IndustrySections = string.Join(',', i.IndustrySections);
        p.Regions = string.Join(',', i.Regions);
        p.Qualifications = string.Join(',', i.Qualifications);
        p.OtherConditions = i.OtherConditions?.Trim() ?? "";
        p.ApplyFrom = i.ApplyFrom;
        p.ApplyUntil = i.ApplyUntil;
        p.ApplicabilityUnknown = false;
        return p;
    }

    private static List<string> Clean(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();

    private static string Shorten(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}

/// <summary>The release sweep for scheduled articles (every minute).</summary>
public sealed class ReleaseScheduledArticles(ArticleHandler handler) : IScheduledWork
{
    public Task RunAsync(CancellationToken ct = default) => handler.ReleaseDueAsync(ct);
}
