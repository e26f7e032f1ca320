using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Shared;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Content.ReadArticles;

[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ListModel(ArticleReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Column { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [PageNumber] public int PageNumber { get; set; } = 1;
    public Paged<ArticleRow> Result { get; private set; } = new([], 0, 1, 20);
    public string Heading => ArticleColumns.Find(Column)?.Name ?? (ArticleKinds.Parse(Kind) is { } k ? ArticleKinds.Label(k) : "新闻资讯");

    public async Task OnGetAsync() =>
        Result = await reader.ListAsync(new ArticleListFilter { Kind = Kind, Column = Column, Region = Region, Page = PageNumber });
}
