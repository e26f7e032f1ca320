using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Administration.Dictionaries;

public sealed record NewDictionaryItem
{
    [Required(ErrorMessage = "请填写编码")]
    [RegularExpression("^[a-z0-9-]{2,30}$", ErrorMessage = "编码为2至30位小写字母、数字或连字符")]
    public string Code { get; init; } = "";

    [Required(ErrorMessage = "请填写名称")]
    [StringLength(50, ErrorMessage = "名称不能超过50字")]
    public string Name { get; init; } = "";
}

/// <summary>
/// 数据字典与参数配置 (city operators): enterprise tags can be added, renamed and switched off (codes never change);
/// footer settings can be edited. Standard code lists (regions, industries, service categories) are shown read-only.
/// Every change is audited.
/// </summary>
[Authorize(Policy = Permissions.ManageDictionaries)]
public sealed class DictionariesModel(AppDbContext db, AuditTrail audit, SiteSettings settings) : PageModel
{
    public List<DictionaryItem> Tags { get; private set; } = [];
    public Dictionary<string, string> Values { get; private set; } = [];
    [BindProperty] public NewDictionaryItem NewTag { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    // Each handler loads the page state first, so a refused change can show the page again with its message.
    public async Task<IActionResult> OnPostAddTagAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid) return Page();
        if (await db.DictionaryItems.AnyAsync(d => d.Kind == DictionaryKinds.EnterpriseTag && d.Code == NewTag.Code))
            throw new RuleViolationException("CODE_TAKEN", "该编码已存在", "code");
        var sort = await db.DictionaryItems.Where(d => d.Kind == DictionaryKinds.EnterpriseTag).MaxAsync(d => (int?)d.SortOrder) ?? 0;
        var item = new DictionaryItem { Kind = DictionaryKinds.EnterpriseTag, Code = NewTag.Code, Name = NewTag.Name.Trim(), SortOrder = sort + 1 };
        db.DictionaryItems.Add(item);
        audit.Record("新增字典项", "字典", item.Code, null, after: new { item.Kind, item.Code, item.Name });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"已新增企业标签“{item.Name}”";
        return Redirect("/admin/dictionaries");
    }

    public async Task<IActionResult> OnPostUpdateTagAsync(int id, string? name, int sortOrder, bool enabled)
    {
        await LoadAsync();
        var item = await db.DictionaryItems.FirstOrDefaultAsync(d => d.Id == id && d.Kind == DictionaryKinds.EnterpriseTag);
        if (item is null) return NotFound();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50)
            throw new RuleViolationException("NAME_INVALID", "名称不能为空且不能超过50字", "name", 400);
        var before = new { item.Name, item.SortOrder, item.IsEnabled };
        item.Rename(name, sortOrder, enabled);
        audit.Record("修改字典项", "字典", item.Code, null, before, new { item.Name, item.SortOrder, item.IsEnabled });
        await db.SaveChangesAsync();
        TempData["Flash"] = $"已保存“{item.Name}”";
        return Redirect("/admin/dictionaries");
    }

    public async Task<IActionResult> OnPostSettingsAsync(Dictionary<string, string?> values)
    {
        await LoadAsync();
        var stored = await db.Settings.ToDictionaryAsync(s => s.Key);
        foreach (var def in Settings.All)
        {
            // A setting not in the form (an older form, or an API-like partial post) stays as it is.
            if (!values.TryGetValue(def.Key, out var posted)) continue;
            var value = (posted ?? "").Trim();
            if (value.Length > def.MaxLength)
                throw new RuleViolationException("SETTING_TOO_LONG", $"{def.Label}不能超过{def.MaxLength}字", def.Key, 400);
            if (def.Min is { } min && def.Max is { } max && (!int.TryParse(value, out var n) || n < min || n > max))
                throw new RuleViolationException("SETTING_OUT_OF_RANGE", $"{def.Label}须为{min}至{max}之间的整数", def.Key, 400);
            var old = stored.TryGetValue(def.Key, out var s) ? s.Value : def.Default;
            if (old == value) continue;
            if (s is null) db.Settings.Add(new Setting { Key = def.Key, Value = value });
            else s.Value = value;
            audit.Record("修改参数", "参数", def.Key, null, new { Value = old }, new { Value = value }, def.Label);
        }
        await db.SaveChangesAsync();
        settings.Changed();
        TempData["Flash"] = "参数已保存";
        return Redirect("/admin/dictionaries");
    }

    private async Task LoadAsync()
    {
        Tags = await db.DictionaryItems.AsNoTracking().Where(d => d.Kind == DictionaryKinds.EnterpriseTag).OrderBy(d => d.SortOrder).ToListAsync();
        var stored = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value);
        Values = Settings.All.ToDictionary(d => d.Key, d => stored.GetValueOrDefault(d.Key) ?? d.Default);
    }
}
