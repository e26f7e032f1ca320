using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Bank;

[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class DetailModel(RenewalQueries queries, BankActions actions) : PageModel
{
    public RenewalDetail Detail { get; private set; } = null!;
    [BindProperty] public DueDiligenceInput Diligence { get; set; } = new();
    [BindProperty] public DecisionInput Approval { get; set; } = new();
    [BindProperty] public DecisionInput Declining { get; set; } = new();
    [BindProperty] public DisbursementInput Disbursement { get; set; } = new();

    public bool May(string action) => Detail.Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var today = HengyangCalendar.Today(HttpContext.RequestServices.GetRequiredService<TimeProvider>());
        Diligence = new DueDiligenceInput { On = today };
        Approval = new DecisionInput { Approve = true, Amount = Detail.RequestedAmount, TermMonths = Detail.RequestedTermMonths };
        Disbursement = new DisbursementInput { DisbursedOn = today };
        return Page();
    }

    public async Task<IActionResult> OnPostDueDiligenceAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Diligence), async () => await actions.DueDiligenceAsync(id, Diligence, Request.Form.Files, User),
                "已记录尽职调查", CaseUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Approval), async () => await actions.DecideAsync(id, Approval with { Approve = true }, User),
                "已批准续贷，企业将收到通知", CaseUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostDeclineAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Declining), async () => await actions.DecideAsync(id, Declining with { Approve = false }, User),
                "已记录不予续贷", CaseUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostDisburseAsync(Guid id) =>
        await LoadAsync(id)
            ? await RenewalPageForms.ActAsync(this, nameof(Disbursement), async () => await actions.DisburseAsync(id, Disbursement, User),
                "已登记放款，续贷完成", CaseUrl(id))
            : NotFound();

    private static string CaseUrl(Guid id) => $"/institution/loan-renewals/{id}";

    private async Task<bool> LoadAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return false;
        Detail = d;
        return true;
    }
}
