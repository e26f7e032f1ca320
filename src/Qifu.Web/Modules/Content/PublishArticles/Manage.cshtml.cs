using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Content.PublishArticles;

[Authorize(Policy = Permissions.PublishArticles)]
public sealed class ManageModel(ArticleHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public ArticleKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public ArticleStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [PageNumber] public int PageNumber { get; set; } = 1;
    public Paged<ManagedArticleRow> Result { get; private set; } = new([], 0, 1, 20);
    public DataScope Scope => DataScope.Of(User);
    /// <summary>The review queue: the same list, pending only (city operators).</summary>
    public bool IsReviewQueue { get; private set; }

    public async Task OnGetAsync()
    {
        IsReviewQueue = Request.Path.StartsWithSegments("/review");
        if (IsReviewQueue) Status = ArticleStatus.PendingReview;
        Result = await handler.ListAsync(User, new ManagedArticleFilter { Kind = Kind, Status = Status, Q = Q, Page = PageNumber });
    }
}
