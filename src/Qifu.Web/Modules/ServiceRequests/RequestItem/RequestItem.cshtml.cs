using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.RequestItem;

[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class RequestItemModel(SubmitRequestHandler handler) : PageModel
{
    public RequestForm Form { get; private set; } = null!;
    [BindProperty] public RequestInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = new RequestInput { ContactName = Form.Enterprise.ContactName, ContactPhone = Form.Enterprise.ContactPhone };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Form.EnterpriseMayRequest) return Forbid();
        // Checked here as well as in the handler so that every problem is listed at once, the consent included;
        // without the separate consent the answer is 400 SEPARATE_CONSENT_REQUIRED, as from the API (PI-04).
        if (!Input.Consent) ModelState.AddModelError("Input.Consent", ConsentMessage);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = Input.Consent ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest;
            return Page();
        }
        var request = await handler.SubmitAsync(id, Input, Attachments, User);
        if (request is null) return NotFound();
        TempData["Flash"] = $"服务申请已提交，申请编号 {request.Number}。{Form.Institution.Name}将在 {request.AcceptDueOn:yyyy-MM-dd} 前受理。";
        return Redirect($"/enterprise/requests/{request.Id}");
    }

    public string ConsentMessage => $"请勾选同意向{Form.Institution.Name}提供企业名称、联系人、联系电话、需求描述和附件，否则无法提交服务申请";

    private async Task<bool> LoadAsync(Guid id)
    {
        var form = await handler.LoadAsync(id, User);
        if (form is null) return false;
        Form = form;
        return true;
    }
}
