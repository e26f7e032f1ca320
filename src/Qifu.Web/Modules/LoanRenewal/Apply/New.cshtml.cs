using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.LoanRenewal.Apply;

/// <summary>The consent block of the apply and submit forms.</summary>
public sealed record ConsentBlock(string Name, bool Checked, string? Bank);

[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class NewModel(ApplyHandler apply, AppDbContext db) : PageModel
{
    [BindProperty] public RenewalInput Input { get; set; } = new();
    public List<PartnerBank> Banks { get; private set; } = [];
    public int MinDays { get; private set; }
    public bool MayApply { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var id = CurrentUser.EnterpriseId(User);
        var e = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
        Input = new RenewalInput { ContactName = e?.ContactName ?? "", ContactPhone = e?.ContactPhone ?? "", RequestedTermMonths = 12 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!MayApply) return Forbid();
        var bank = Banks.FirstOrDefault(b => b.Id == Input.BankId);
        // Checked here as well so that every problem is listed at once; without the consent a submit answers 400 (PI-04).
        if (Input.Submit && !Input.Consent) ModelState.AddModelError("Input.Consent", ApplyHandler.ConsentMessage(bank?.Name ?? "所选银行"));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = Input.Submit && !Input.Consent ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        try
        {
            var c = await apply.CreateAsync(Input, Request.Form.Files, User);
            if (c is null) return NotFound();
            var warning = ApplyHandler.MaturityWarning(c.MaturityOn, Platform.Regions.HengyangCalendar.Today(HttpContext.RequestServices.GetRequiredService<TimeProvider>()), MinDays);
            TempData["Flash"] = (Input.Submit ? $"续贷申请已提交，申请编号 {c.Number}。续贷受理中心将在 {c.DueOn:yyyy-MM-dd} 前完成材料审核。" : $"已保存草稿 {c.Number}，可继续上传材料后提交。")
                                + (warning is null ? "" : "提醒：" + warning);
            return Redirect($"/enterprise/loan-renewals/{c.Id}");
        }
        catch (RuleViolationException ex) when (ex.Status != StatusCodes.Status404NotFound)
        {
            ModelState.AddModelError(RenewalPageForms.KeyOf("Input", ex.Field), ex.Message);
            Response.StatusCode = ex.Status == 400 && ex.Code == "SEPARATE_CONSENT_REQUIRED" ? 400 : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    private async Task<bool> LoadAsync()
    {
        var id = CurrentUser.EnterpriseId(User);
        var status = await db.Enterprises.AsNoTracking().Where(e => e.Id == id).Select(e => (RegistrationStatus?)e.Status).FirstOrDefaultAsync();
        if (status is null) return false;
        MayApply = status == RegistrationStatus.Approved;
        Banks = await apply.BanksAsync();
        MinDays = await apply.MinDaysAsync();
        return true;
    }
}
