using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Files;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <param name="Validity">As stored (Current or Repealed); what holds on a day is <see cref="ValidityOn"/>.</param>
public sealed record ArticleRow(Guid Id, string Title, string Summary, ArticleKind Kind, string Column, string RegionCode, DateTime PublishAt,
    bool IsPinned, int ViewCount, PolicyLevel? Level, string? Issuer, string? DocumentNumber, PolicyValidity? Validity, string? Theme,
    DateOnly? ValidFrom = null, DateOnly? ValidUntil = null)
{
    public PolicyValidity? ValidityOn(DateOnly day) => Validity is { } v ? PolicyTerms.ValidityOn(v, ValidFrom, ValidUntil, day) : null;
}

public sealed record ArticleListFilter
{
    public string? Kind { get; init; }
    public string? Column { get; init; }
    public string? Region { get; init; }
    public int? Page { get; init; }
}

public sealed record PolicyFilter
{
    public PolicyLevel? Level { get; init; }
    public string? Issuer { get; init; }
    public string? Theme { get; init; }
    public PolicyValidity? Validity { get; init; }
    public string? Q { get; init; }
    public int? Page { get; init; }
}

/// <summary>An article page: shared between requests (<see cref="ArticlePages"/>), so nothing in it is changed after loading; the
/// count of views is its own property (stored + this node's pending), not the article's.</summary>
public sealed record ArticlePage(Article Article, List<StoredFile> Attachments, List<ArticleRow> Interpretations, ArticleRow? InterpretedPolicy,
    IReadOnlyDictionary<string, string> QualificationNames, bool ShowsSummary)
{
    public int ViewCount { get; init; }
}

/// <summary>What the public reads: published articles whose time has come (a scheduled one stays hidden until then).</summary>
public sealed class ArticleReader(AppDbContext db, PublishArticles.ArticleFiles files, TimeProvider clock, ArticleListCache lists, ArticlePages pages,
    ArticleViews views, ArticleIdLists idLists)
{
    private IQueryable<Article> Visible()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishAt <= now);
    }

    private static IQueryable<ArticleRow> Rows(IQueryable<Article> q) => q.Select(a => new ArticleRow(a.Id, a.Title, a.Summary, a.Kind, a.Column,
        a.RegionCode, a.PublishAt!.Value, a.IsPinned, a.ViewCount,
        a.Policy == null ? null : a.Policy.Level, a.Policy == null ? null : a.Policy.Issuer, a.Policy == null ? null : a.Policy.DocumentNumber,
        a.Policy == null ? null : a.Policy.Validity, a.Policy == null ? null : a.Policy.Theme,
        a.Policy == null ? null : a.Policy.ValidFrom, a.Policy == null ? null : a.Policy.ValidUntil));

    /// <summary>A column or kind list: pinned first, then newest.</summary>
    public Task<Paged<ArticleRow>> ListAsync(ArticleListFilter f) =>
        lists.GetAsync($"list|{f.Kind}|{f.Column}|{f.Region}|{f.Page}", () => LoadListAsync(f));

    /// <summary>A page of a list: its ids from this node's copy of the list's order (<see cref="ArticleIdLists"/>), then those rows.</summary>
    private async Task<Paged<ArticleRow>> LoadListAsync(ArticleListFilter f)
    {
        var column = ArticleColumns.Find(f.Column)?.Code;
        var kind = column is null ? ArticleKinds.Parse(f.Kind) : null;
        var region = !string.IsNullOrEmpty(f.Region) && Platform.Regions.RegionCodes.Exists(f.Region) ? f.Region : null;
        var ids = await idLists.GetAsync(column, kind, region);
        var window = PageWindow.Of(f.Page, 20);
        var slice = window.Skip >= ids.Length ? [] : ids.AsSpan((int)window.Skip, (int)Math.Min(window.Size, ids.Length - window.Skip)).ToArray();
        // By key alone: the list holds what was visible at this content version, and anything that hides an article moves the
        // version. (With the status in the query SQLite walks a list index instead of the primary key: 80 ms instead of 0.2.)
        var rows = slice.Length == 0 ? [] : await Rows(db.Articles.AsNoTracking().Where(a => slice.Contains(a.Id))).ToListAsync();
        var place = slice.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return new Paged<ArticleRow>(rows.OrderBy(r => place[r.Id]).ToList(), ids.Length, window.Number, window.Size);
    }

    /// <summary>
    /// The policy library: filter by level, issuer, theme, validity and title words; newest first. Validity is judged on
    /// today's date in China, so the day is part of the cache key: at midnight a policy past its end date moves to 已失效.
    /// </summary>
    public Task<Paged<ArticleRow>> PoliciesAsync(PolicyFilter f)
    {
        var today = Platform.Regions.HengyangCalendar.Today(clock);
        return lists.GetAsync($"policies|{today:yyyyMMdd}|{f.Level}|{f.Issuer}|{f.Theme}|{f.Validity}|{f.Q}|{f.Page}", () => LoadPoliciesAsync(f, today));
    }

    /// <summary><see cref="PolicyTerms.ValidityOn"/> as a query.</summary>
    private static IQueryable<Article> WithValidity(IQueryable<Article> q, PolicyValidity validity, DateOnly today) => validity switch
    {
        PolicyValidity.Repealed => q.Where(a => a.Policy!.Validity == PolicyValidity.Repealed),
        PolicyValidity.Expired => q.Where(a => a.Policy!.Validity != PolicyValidity.Repealed && a.Policy.ValidUntil < today),
        PolicyValidity.NotYetInForce => q.Where(a => a.Policy!.Validity != PolicyValidity.Repealed && a.Policy.ValidFrom > today
            && (a.Policy.ValidUntil == null || a.Policy.ValidUntil >= today)),
        _ => q.Where(a => a.Policy!.Validity != PolicyValidity.Repealed
            && (a.Policy.ValidUntil == null || a.Policy.ValidUntil >= today) && (a.Policy.ValidFrom == null || a.Policy.ValidFrom <= today)),
    };

    private Task<Paged<ArticleRow>> LoadPoliciesAsync(PolicyFilter f, DateOnly today)
    {
        var q = Visible().Where(a => a.Kind == ArticleKind.Policy && a.Policy != null);
        if (f.Level is { } l) q = q.Where(a => a.Policy!.Level == l);
        if (f.Validity is { } v) q = WithValidity(q, v, today);
        if (!string.IsNullOrWhiteSpace(f.Issuer)) q = q.Where(a => a.Policy!.Issuer.Contains(f.Issuer.Trim()));
        if (!string.IsNullOrWhiteSpace(f.Theme)) q = q.Where(a => a.Policy!.Theme == f.Theme);
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(a => a.Title.Contains(f.Q.Trim()));
        return Paged<ArticleRow>.OfAsync(Rows(q.OrderByDescending(a => a.PublishAt).ThenBy(a => a.Id)), f.Page, 20, r => r);
    }

    /// <summary>Every issuer of a visible policy, for the filter's suggestions (a &lt;datalist&gt;: the filter itself matches any part).</summary>
    public Task<List<string>> IssuersAsync() => lists.GetAsync("issuers", () =>
        Visible().Where(a => a.Policy != null).Select(a => a.Policy!.Issuer).Distinct().OrderBy(i => i).ToListAsync());

    public Task<List<ArticleRow>> NewestAsync(int n, ArticleKind? kind = null) =>
        lists.GetAsync($"newest|{n}|{kind}", () => LoadNewestAsync(n, kind));

    private Task<List<ArticleRow>> LoadNewestAsync(int n, ArticleKind? kind)
    {
        var q = Visible();
        if (kind is { } k) q = q.Where(a => a.Kind == k);
        return Rows(q.OrderByDescending(a => a.IsPinned).ThenByDescending(a => a.PublishAt).ThenBy(a => a.Id)).Take(n).ToListAsync();
    }

    /// <summary>One article, counted as a view when asked (written in batches, see <see cref="ArticleViews"/>); from this node's
    /// copy when it has one (<see cref="ArticlePages"/>).</summary>
    public async Task<ArticlePage?> FindAsync(Guid id, bool countView)
    {
        var page = await pages.GetAsync(id, () => LoadAsync(id));
        if (page is null) return null;
        if (countView) await views.AddAsync(id);
        return page with { ViewCount = page.ViewCount + views.Pending(id) };
    }

    private async Task<ArticlePage?> LoadAsync(Guid id)
    {
        var article = await Visible().FirstOrDefaultAsync(a => a.Id == id);
        if (article is null) return null;
        var interpretations = article.Kind == ArticleKind.Policy
            ? await Rows(Visible().Where(a => a.InterpretsPolicyId == id).OrderByDescending(a => a.PublishAt)).ToListAsync() : [];
        var policy = article.InterpretsPolicyId is { } pid ? await Rows(Visible().Where(a => a.Id == pid)).FirstOrDefaultAsync() : null;
        var qualifications = article.Policy is { Qualifications.Length: > 0 }
            ? await db.DictionaryItems.AsNoTracking().Where(d => d.Kind == Platform.Dictionaries.DictionaryKinds.EnterpriseTag).ToDictionaryAsync(d => d.Code, d => d.Name)
            : new Dictionary<string, string>();
        // A summary taken from the start of the body (none was written) would only repeat the first lines.
        var showsSummary = !string.IsNullOrEmpty(article.Summary)
            && !Platform.Web.RichText.ToPlainText(article.Body).Replace("\n", " ").StartsWith(article.Summary.TrimEnd('…'), StringComparison.Ordinal);
        return new ArticlePage(article, await files.ListAsync(id), interpretations, policy, qualifications, showsSummary) { ViewCount = article.ViewCount };
    }

    /// <summary>A file of a visible article (its cover or an attachment).</summary>
    public async Task<StoredFile?> FileAsync(Guid articleId, Guid fileId)
    {
        if (!await Visible().AnyAsync(a => a.Id == articleId)) return null;
        return await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.OwnerId == articleId
            && (f.OwnerType == PublishArticles.ArticleFiles.AttachmentOwner || f.OwnerType == PublishArticles.ArticleFiles.CoverOwner));
    }
}
