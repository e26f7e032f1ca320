using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.ServiceRequests.Evaluations;

/// <summary>
/// Lists with a small form on every row (publish/hide, reply, appeal, decide): a refused post shows the list again with
/// the message next to the row it concerns.
/// </summary>
public abstract class RowFormsPage : PageModel
{
    public Guid? FailedId { get; private set; }
    public string? FailedMessage { get; private set; }

    public string? ErrorFor(Guid id) => FailedId == id ? FailedMessage : null;

    protected async Task<IActionResult> RowActAsync(Guid id, Func<Task> reload, Func<Task<object?>> act, string done, string redirect)
    {
        try
        {
            if (await act() is null) return NotFound();
        }
        catch (RuleViolationException ex) when (ex.Status != StatusCodes.Status404NotFound)
        {
            FailedId = id;
            FailedMessage = ex.Message;
            ModelState.AddModelError("", ex.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await reload();
            return Page();
        }
        TempData["Flash"] = done;
        return Redirect(redirect);
    }
}
