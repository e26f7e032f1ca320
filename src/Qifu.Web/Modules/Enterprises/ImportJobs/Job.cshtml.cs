using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ImportJobs;

/// <summary>
/// 导入任务 page: the job's state and counts; while it is not finished the page asks the browser to reload itself every
/// <see cref="RefreshSeconds"/> seconds (the HTTP Refresh header — no JavaScript), with a link to stop that (WCAG 2.2.2)
/// and one to reload by hand. Outside the operator's scope it is 404.
/// </summary>
[Authorize(Policy = Permissions.ImportEnterprises)]
public sealed class JobModel(ImportJobService jobs) : PageModel
{
    public const int RefreshSeconds = 5;
    public const int ErrorsShown = 1000;

    public ImportJobView Job { get; private set; } = null!;
    public bool AutoRefresh { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool auto = true)
    {
        if (await jobs.FindAsync(id, User) is not { } job) return NotFound();
        Job = ImportJobService.View(job, ErrorsShown);
        AutoRefresh = auto && !Job.Finished;
        if (AutoRefresh) Response.Headers["Refresh"] = RefreshSeconds.ToString();
        return Page();
    }

    public async Task<IActionResult> OnGetErrorsAsync(Guid id) =>
        await jobs.FindAsync(id, User) is { ErrorCount: > 0 } job
            ? File(ImportJobService.ErrorWorkbook(job), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "导入错误说明.xlsx")
            : NotFound();

    public async Task<IActionResult> OnPostRerunAsync(Guid id)
    {
        if (await jobs.RerunAsync(id, User) is null) return NotFound();
        TempData["Flash"] = "导入任务已重新提交";
        return Redirect($"/review/enterprises/imports/{id}");
    }
}
