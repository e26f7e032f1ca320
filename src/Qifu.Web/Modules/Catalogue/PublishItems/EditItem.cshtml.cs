using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue.PublishItems;

/// <summary>New item (no id) or an existing one: edit, submit, take off the shelf, put back.</summary>
[Authorize(Policy = Permissions.ActAsInstitution)]
public sealed class EditItemModel(PublishItemHandler handler, ItemAttachments attachments) : PageModel
{
    [BindProperty] public ItemInput Input { get; set; } = new() { LeadTimeDays = 5 };
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];
    [BindProperty] public CatalogueModule.OffShelfRequest OffShelf { get; set; } = new();
    public OwnItem? Own { get; private set; }
    public List<StoredFile> Files { get; private set; } = [];
    public List<StoredFile> PendingFiles { get; private set; } = [];

    public bool IsNew => Own is null;
    /// <summary>Published and off-shelf items are changed through a reviewed revision.</summary>
    public bool EditsAreRevisions => Own?.Item.Status is ItemStatus.Published or ItemStatus.OffShelf;
    public bool IsEditable => Own is null || Own.Item.Status is ItemStatus.Draft or ItemStatus.Rejected or ItemStatus.Published or ItemStatus.OffShelf;

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (id is { } itemId)
        {
            if (!await LoadAsync(itemId)) return NotFound();
            Input = ItemInput.From(Own!.Pending?.Content ?? Own.Item.Content);
        }
        else
        {
            Input = Input with { ServiceRegions = [RegionCodes.City] };
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid? id) => SaveAsync(id, submit: true);

    public Task<IActionResult> OnPostDraftAsync(Guid? id) => SaveAsync(id, submit: false);

    public async Task<IActionResult> OnPostOffShelfAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await handler.TakeOffShelfAsync(User, id, OffShelf.Reason);
        TempData["Flash"] = "已下架，服务超市不再展示该项目";
        return Redirect($"/institution/items/{id}");
    }

    public async Task<IActionResult> OnPostOnShelfAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await handler.PutBackOnShelfAsync(User, id);
        TempData["Flash"] = "已重新上架";
        return Redirect($"/institution/items/{id}");
    }

    private async Task<IActionResult> SaveAsync(Guid? id, bool submit)
    {
        if (id is { } itemId && !await LoadAsync(itemId)) return NotFound();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(nameof(OffShelf) + ".")).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid) return Page();
        if (id is { } existing)
        {
            var own = await handler.UpdateAsync(User, existing, Input, Attachments, submit);
            if (own is null) return NotFound();
            TempData["Flash"] = own.Pending is not null ? "修改已提交审核，审核通过前原版本继续展示"
                : submit ? "已提交审核，请等待所在区县运营审核" : "草稿已保存";
            return Redirect($"/institution/items/{existing}");
        }
        var item = await handler.CreateAsync(User, Input, Attachments, submit);
        TempData["Flash"] = submit ? "已提交审核，请等待所在区县运营审核" : "草稿已保存，可继续完善后提交";
        return Redirect($"/institution/items/{item.Id}");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Own = await handler.FindOwnAsync(User, id);
        if (Own is null) return false;
        Files = await attachments.ListAsync(id);
        if (Own.Pending is { } p) PendingFiles = await attachments.ListAsync(p.Id);
        return true;
    }
}
