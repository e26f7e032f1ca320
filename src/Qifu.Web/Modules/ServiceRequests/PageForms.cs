using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>
/// Pages here carry several forms (accept, decline, progress …), each bound to its own input. On a post only the
/// posted form is validated, and a broken rule is shown next to that form's field (the shared page filter would pick
/// the first input that has a property of that name).
/// </summary>
public static class PageForms
{
    /// <param name="page">the page, after its data is loaded (decisions/0002)</param>
    /// <param name="form">the bound property the posted form fills, e.g. "Decline"; null for a form without fields</param>
    /// <param name="files">the bound file list of that form, if it has one</param>
    /// <param name="act">the handler call; null from it means the record is not the caller's (404)</param>
    /// <param name="redirect">where to go when it worked (post/redirect/get)</param>
    public static async Task<IActionResult> ActAsync(PageModel page, string? form, Func<Task<object?>> act, string done, string redirect,
        string? files = null)
    {
        var state = page.ModelState;
        foreach (var key in state.Keys.Where(k => form is null || !(k.StartsWith(form + ".") || k == files)).ToList()) state.Remove(key);
        if (!state.IsValid)
        {
            page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return new PageResult();
        }
        try
        {
            if (await act() is null) return new NotFoundResult();
        }
        catch (RuleViolationException ex) when (ex.Status != StatusCodes.Status404NotFound && ex.Field is not null && form is not null)
        {
            var key = ex.Field == RequestFiles.Field && files is not null ? files : form + "." + char.ToUpperInvariant(ex.Field[0]) + ex.Field[1..];
            state.AddModelError(key, ex.Message);
            page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return new PageResult();
        }
        page.TempData["Flash"] = done;
        return new RedirectResult(redirect);
    }
}
