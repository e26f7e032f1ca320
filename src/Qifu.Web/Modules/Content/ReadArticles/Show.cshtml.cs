using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Content.ReadArticles;

/// <summary>One article: metadata, body, attachments, links between a policy and its interpretations; ?size= and ?print=1 work without JavaScript.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ShowModel(ArticleReader reader, Platform.Database.AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Size { get; set; }
    [BindProperty(SupportsGet = true)] public int? Print { get; set; }
    public ArticlePage Shown { get; private set; } = null!;
    public Dictionary<string, string> TagNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var shown = await reader.FindAsync(id, countView: Size is null && Print is null);
        if (shown is null) return NotFound();
        Shown = shown;
        if (shown.Article.Policy is { Qualifications.Length: > 0 })
            TagNames = await db.DictionaryItems.Where(d => d.Kind == Platform.Dictionaries.DictionaryKinds.EnterpriseTag).ToDictionaryAsync(d => d.Code, d => d.Name);
        return Page();
    }
}
