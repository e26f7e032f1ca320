using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Content.ImportArticles;

[Authorize(Policy = Permissions.PublishArticles)]
public sealed class ImportModel(ArticleImport import) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    public ArticleImportResult? Result { get; private set; }

    public void OnGet() { }

    public IActionResult OnGetTemplate() =>
        File(ArticleImport.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "文章导入模板.xlsx");

    public async Task<IActionResult> OnPostAsync()
    {
        Result = await import.ImportAsync(User, Upload);
        if (Result.Errors.Count > 0) Response.StatusCode = 422;
        return Page();
    }
}
