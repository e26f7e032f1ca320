using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <summary>One article: metadata, body, attachments, links between a policy and its interpretations; ?size= and ?print=1 work without JavaScript.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = ArticleViews.PagePolicy)]
public sealed class ShowModel(ArticleReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Size { get; set; }
    [BindProperty(SupportsGet = true)] public int? Print { get; set; }
    public ArticlePage Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var shown = await reader.FindAsync(id, countView: ArticleViews.Counts(Request.Query));
        if (shown is null) return NotFound();
        Shown = shown;
        return Page();
    }
}
