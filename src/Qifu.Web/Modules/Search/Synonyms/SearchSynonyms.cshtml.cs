using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Search.Synonyms;

/// <summary>搜索同义词 (city operators): groups of words that find each other, e.g. 融资 贷款 借款.</summary>
[Authorize(Policy = Permissions.ManageDictionaries)]
public sealed class SearchSynonymsModel(SynonymEditor editor) : PageModel
{
    public List<DictionaryItem> Groups { get; private set; } = [];
    [BindProperty] public SynonymInput Input { get; set; } = new();

    public async Task OnGetAsync() => Groups = await editor.ListAsync();

    // Each handler loads the list first, so a refused change can show the page again with its message.
    public async Task<IActionResult> OnPostAddAsync()
    {
        Groups = await editor.ListAsync();
        if (!ModelState.IsValid) return Page();
        var item = await editor.AddAsync(Input.Words);
        TempData["Flash"] = $"已新增同义词组“{item.Name}”，各节点将在{SearchSynonyms.Fresh.TotalSeconds:0}秒内生效";
        return Redirect("/admin/search-synonyms");
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, string? words, bool enabled)
    {
        Groups = await editor.ListAsync();
        var item = await editor.UpdateAsync(id, words, enabled);
        if (item is null) return NotFound();
        TempData["Flash"] = item.IsEnabled ? $"已保存同义词组“{item.Name}”" : $"已停用同义词组“{item.Name}”";
        return Redirect("/admin/search-synonyms");
    }
}
