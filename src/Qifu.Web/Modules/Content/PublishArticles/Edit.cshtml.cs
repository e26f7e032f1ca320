using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Content.PublishArticles;

/// <summary>New article (no id) or an existing one: save as draft, publish or send to review, withdraw, pin, and (city) review.</summary>
[Authorize(Policy = Permissions.PublishArticles)]
public sealed class EditModel(ArticleHandler handler, ArticleFiles files, Platform.Database.AppDbContext db) : PageModel
{
    [BindProperty] public ArticleInput Input { get; set; } = new() { Kind = ArticleKind.News };
    [BindProperty] public IFormFile? Cover { get; set; }
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];
    [BindProperty] public ReasonInput Decision { get; set; } = new();
    public Article? Article { get; private set; }
    public List<StoredFile> Files { get; private set; } = [];
    public bool ReviewRequired { get; private set; }
    public List<(Guid Id, string Title)> PolicyChoices { get; private set; } = [];
    public List<(string Code, string Name)> Tags { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Article is not null) Input = ArticleInput.From(Article);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid? id) => SaveAsync(id, submit: true);

    public Task<IActionResult> OnPostDraftAsync(Guid? id) => SaveAsync(id, submit: false);

    public Task<IActionResult> OnPostApproveAsync(Guid id) => ActAsync(id, () => handler.ApproveAsync(User, id), "已审核通过并发布", Permissions.ReviewArticles);

    public Task<IActionResult> OnPostRejectAsync(Guid id) => ActAsync(id, () => handler.RejectAsync(User, id, Decision.Reason), "已驳回，区县运营会收到通知", Permissions.ReviewArticles);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id) => ActAsync(id, () => handler.WithdrawAsync(User, id, Decision.Reason), "已撤回，网站不再展示该文章");

    public Task<IActionResult> OnPostPinAsync(Guid id, bool pinned) => ActAsync(id, () => handler.PinAsync(User, id, pinned), pinned ? "已置顶" : "已取消置顶");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<Article?>> act, string flash, string? permission = null)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (permission is not null && !Permissions.Has(User, permission)) return Forbid();
        Input = ArticleInput.From(Article!);
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(Decision) + ".")).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid) return Page();
        if (await act() is null) return NotFound();
        TempData["Flash"] = flash;
        return Redirect($"/manage/articles/{id}");
    }

    private async Task<IActionResult> SaveAsync(Guid? id, bool submit)
    {
        if (!await LoadAsync(id)) return NotFound();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(nameof(Decision) + ".")).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid) return Page();
        var cover = Cover is { Length: > 0 } ? Cover : null;
        if (id is { } existing)
        {
            var saved = await handler.UpdateAsync(User, existing, Input, cover, Attachments, submit);
            if (saved is null) return NotFound();
            TempData["Flash"] = Flash(saved, submit);
            return Redirect($"/manage/articles/{existing}");
        }
        var article = await handler.CreateAsync(User, Input, cover, Attachments, submit);
        TempData["Flash"] = Flash(article, submit);
        return Redirect($"/manage/articles/{article.Id}");
    }

    private static string Flash(Article a, bool submit) => a.Status switch
    {
        ArticleStatus.PendingReview => "已提交市级审核",
        ArticleStatus.Published when a.PublishAt > DateTime.UtcNow => $"已设定于 {a.PublishAt?.AddHours(8):yyyy-MM-dd HH:mm} 定时发布",
        ArticleStatus.Published => "已发布",
        _ => submit ? "已保存" : "草稿已保存",
    };

    private async Task<bool> LoadAsync(Guid? id)
    {
        ReviewRequired = await handler.ReviewRequiredAsync(User);
        PolicyChoices = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Articles.Where(a => a.Kind == ArticleKind.Policy && a.Status == ArticleStatus.Published).OrderByDescending(a => a.PublishAt).Take(200)
                    .Select(a => new { a.Id, a.Title })))
            .Select(a => (a.Id, a.Title)).ToList();
        Tags = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.DictionaryItems.Where(d => d.Kind == Platform.Dictionaries.DictionaryKinds.EnterpriseTag && d.IsEnabled).OrderBy(d => d.SortOrder)
                    .Select(d => new { d.Code, d.Name })))
            .Select(d => (d.Code, d.Name)).ToList();
        if (id is null) return true;
        Article = await handler.FindAsync(User, id.Value);
        if (Article is null) return false;
        Files = await files.ListAsync(id.Value);
        return true;
    }
}
