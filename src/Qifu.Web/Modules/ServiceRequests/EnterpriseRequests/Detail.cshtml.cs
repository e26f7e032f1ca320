using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests.EnterpriseRequests;

[Authorize(Policy = Permissions.ActAsEnterprise)]
public sealed class DetailModel(RequestQueries queries, EnterpriseRequestActions actions) : PageModel
{
    public RequestDetail Detail { get; private set; } = null!;
    [BindProperty] public WithdrawDecision Withdrawal { get; set; } = new();
    [BindProperty] public ReopenDecision Reopening { get; set; } = new();
    [BindProperty] public EvaluationInput Rating { get; set; } = new();

    public bool May(string action) => Detail.Actions.Contains(action);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id) =>
        await LoadAsync(id)
            ? await PageForms.ActAsync(this, nameof(Withdrawal), async () => await actions.WithdrawAsync(id, Withdrawal.Reason, User), "已撤回服务申请", RequestUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(Guid id) =>
        await LoadAsync(id)
            ? await PageForms.ActAsync(this, null, async () => await actions.ConfirmAsync(id, User), "已确认办结，欢迎对本次服务进行评价", RequestUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostReopenAsync(Guid id) =>
        await LoadAsync(id)
            ? await PageForms.ActAsync(this, nameof(Reopening), async () => await actions.ReopenAsync(id, Reopening.Reason, User),
                "已重新打开，机构将继续办理", RequestUrl(id))
            : NotFound();

    public async Task<IActionResult> OnPostEvaluateAsync(Guid id) =>
        await LoadAsync(id)
            ? await PageForms.ActAsync(this, nameof(Rating), async () => await actions.EvaluateAsync(id, Rating, User),
                "感谢您的评价" + (string.IsNullOrWhiteSpace(Rating.Comment) ? "" : "，评价内容审核后公开"), RequestUrl(id))
            : NotFound();

    private static string RequestUrl(Guid id) => $"/enterprise/requests/{id}";

    private async Task<bool> LoadAsync(Guid id)
    {
        var d = await queries.DetailAsync(User, id);
        if (d is null) return false;
        Detail = d;
        return true;
    }
}
