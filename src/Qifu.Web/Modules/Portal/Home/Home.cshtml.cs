using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Portal.Home;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.WithFigures)]
public sealed class HomeModel(HeadlineFigures figures, Platform.Database.AppDbContext db, Content.ReadArticles.ArticleReader articles,
    Content.ReadArticles.ArticleListCache lists) : PageModel
{
    public IReadOnlyList<Figure> Figures { get; private set; } = [];
    /// <summary>服务超市 tiles: published items per category.</summary>
    public Dictionary<string, int> ItemsPerCategory { get; private set; } = [];
    public List<Catalogue.Data.ServiceItem> Newest { get; private set; } = [];
    public List<Content.ReadArticles.ArticleRow> News { get; private set; } = [];
    public List<Content.ReadArticles.ArticleRow> Policies { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Figures = await figures.ForAsync(null);
        var live = db.ServiceItems.AsNoTracking().Where(i => i.Status == Catalogue.Data.ItemStatus.Published);
        // Every publish or take-down writes the search change log, so the cached tiles and newest items are never stale.
        ItemsPerCategory = await lists.GetAsync("home|item-categories", () => live.GroupBy(i => i.Content.CategoryCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count));
        News = await articles.NewestAsync(6);
        Policies = await articles.NewestAsync(5, Qifu.Web.Modules.Content.Data.ArticleKind.Policy);
        Newest = await lists.GetAsync("home|newest-items", () => live.OrderByDescending(i => i.PublishedAt).ThenBy(i => i.Id).Take(6).ToListAsync());
    }
}
