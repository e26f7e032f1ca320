using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Notifications;

namespace Qifu.Web.Modules.Portal.Inbox;

[Authorize]
public sealed class InboxModel(InboxHandler inbox) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [PageNumber] public int PageNumber { get; set; } = 1;
    public Paged<InboxMessage> Result { get; private set; } = new([], 0, 1, 20);
    public int UnreadCount { get; private set; }

    public async Task OnGetAsync()
    {
        Result = await inbox.ListAsync(User, Unread, PageNumber);
        UnreadCount = await inbox.UnreadAsync(User);
    }

    /// <summary>Opening a message marks it read and follows its link (local paths only).</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id)
    {
        var message = await inbox.ReadAsync(User, id);
        if (message is null) return NotFound();
        return LocalRedirect(message.Link is { Length: > 0 } link && Url.IsLocalUrl(link) ? link : "/inbox");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var n = await inbox.ReadAllAsync(User);
        TempData["Flash"] = n > 0 ? $"已将 {n} 条消息标为已读" : "没有未读消息";
        return Redirect("/inbox");
    }
}
