using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>
/// Case pages carry several forms, each bound to its own input: on a post only that form is validated, and a broken rule
/// is shown next to that form's field (files: next to the document list, key "Documents").
/// </summary>
public static class RenewalPageForms
{
    public const string DocumentsKey = "Documents";

    public static async Task<IActionResult> ActAsync(PageModel page, string? form, Func<Task<object?>> act, string done, string redirect)
    {
        var state = page.ModelState;
        foreach (var key in state.Keys.Where(k => form is null || !k.StartsWith(form + ".")).ToList()) state.Remove(key);
        if (!state.IsValid)
        {
            page.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return new PageResult();
        }
        try
        {
            if (await act() is null) return new NotFoundResult();
        }
        catch (RuleViolationException ex) when (ex.Status != StatusCodes.Status404NotFound)
        {
            state.AddModelError(KeyOf(form, ex.Field), ex.Message);
            page.Response.StatusCode = ex.Status == StatusCodes.Status409Conflict ? StatusCodes.Status409Conflict
                : ex.Code == "SEPARATE_CONSENT_REQUIRED" ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
            return new PageResult();
        }
        page.TempData["Flash"] = done;
        return new RedirectResult(redirect);
    }

    public static string KeyOf(string? form, string? field) =>
        field is null ? "" : field == "documents" || field.StartsWith(Checklist.FieldPrefix) || field == RenewalFiles.BankField ? DocumentsKey
        : form is null ? field : form + "." + char.ToUpperInvariant(field[0]) + field[1..];
}
