using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Needs.PostNeeds;

/// <summary>/enterprise/needs/{id}/pick/{proposalId}: the separate consent naming the institution, then the service request.</summary>
[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class PickModel(NeedQueries queries, NeedHandler needs, AppDbContext db) : PageModel
{
    public NeedDetail Need { get; private set; } = null!;
    public ProposalView Proposal { get; private set; } = null!;
    [BindProperty] public PickInput Input { get; set; } = new();

    public string ConsentMessage => $"请勾选同意向{Proposal.InstitutionName}提供企业名称、联系人、联系电话和需求描述，否则无法选择该方案";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid proposalId)
    {
        if (!await LoadAsync(id, proposalId)) return NotFound();
        var eid = CurrentUser.EnterpriseId(User);
        var contact = await db.Enterprises.AsNoTracking().Where(e => e.Id == eid).Select(e => new { e.ContactName, e.ContactPhone }).FirstOrDefaultAsync();
        Input = new PickInput { ContactName = contact?.ContactName ?? "", ContactPhone = contact?.ContactPhone ?? "" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid proposalId)
    {
        if (!await LoadAsync(id, proposalId)) return NotFound();
        if (!Input.Consent) ModelState.AddModelError("Input.Consent", ConsentMessage);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = Input.Consent ? 422 : 400;
            return Page();
        }
        var request = await needs.PickAsync(User, id, proposalId, Input);
        if (request is null) return NotFound();
        TempData["Flash"] = $"已选择{Proposal.InstitutionName}的方案，并生成服务申请 {request.Number}";
        return Redirect($"/enterprise/requests/{request.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, Guid proposalId)
    {
        var d = await queries.DetailAsync(User, id);
        var p = d?.Proposals.FirstOrDefault(x => x.Id == proposalId);
        if (d is null || p is null) return false;
        Need = d;
        Proposal = p;
        return true;
    }
}
