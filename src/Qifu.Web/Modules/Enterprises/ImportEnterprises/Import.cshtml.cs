using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ImportEnterprises;

[Authorize(Policy = Permissions.ImportEnterprises)]
public sealed class ImportModel(EnterpriseImport import, ImportJobs.ImportJobService jobs) : PageModel
{
    /// <summary>A file with errors on most of 100,000 rows would otherwise make a page of many megabytes.</summary>
    public const int ErrorsShown = 1000;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public Guid Token { get; set; }
    public ImportCheck? Check { get; private set; }
    public List<Data.EnterpriseImportJob> RecentJobs { get; private set; } = [];
    public int BackgroundRows => jobs.BackgroundRows;
    public long BackgroundBytes => jobs.BackgroundBytes;

    public async Task OnGetAsync() => RecentJobs = await jobs.RecentAsync(User);

    public IActionResult OnGetTemplate() =>
        File(EnterpriseImport.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "企业导入模板.xlsx");

    public async Task<IActionResult> OnPostCheckAsync()
    {
        var (token, path) = await import.SaveUploadAsync(Upload);
        if (jobs.IsLarge(path, Upload!.Length))
        {
            // Large files become a background job (decision 0020): checked and written without a confirm step, all or nothing.
            var job = await jobs.SubmitAsync(token, Upload.FileName, Upload.Length, User);
            TempData["Flash"] = "导入任务已提交";
            return Redirect($"/review/enterprises/imports/{job.Id}");
        }
        var check = await import.CheckStagedAsync(path, User);
        Token = token;
        Check = check;
        if (check.Errors.Count > 0) Response.StatusCode = 422;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var (added, existing) = await import.ConfirmAsync(Token, User);
        TempData["Flash"] = $"导入完成：{ImportCheck.Outcome(added, existing)}";
        return Redirect("/review/enterprises");
    }
}
