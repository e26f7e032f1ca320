using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Modules.Accounts.OperatorAccounts;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Administration.Operators;

public sealed record OperatorRow(Guid Id, string Name, string Phone, string Role, string RegionCode, string Region, bool IsDisabled, bool MustChangePassword);

/// <summary>运营账号管理 (city operators only): create city or county operator accounts, disable and re-enable them.</summary>
[Authorize(Policy = Permissions.ManageAccounts)]
public sealed class OperatorsModel(AppDbContext db, UserManager<AppUser> users, CreateOperatorHandler create, AuditTrail audit) : PageModel
{
    public List<OperatorRow> Operators { get; private set; } = [];
    [BindProperty] public CreateOperatorRequest Input { get; set; } = new();
    public string? Created { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!ModelState.IsValid) { await LoadAsync(); return Page(); }
        var created = await create.HandleAsync(Input);
        Created = $"已创建运营账号 {created.Phone}，初始密码：{created.InitialPassword}（仅显示一次，请当面或电话告知本人，首次登录须修改）";
        Input = new();
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id)
    {
        var user = await OperatorsQuery().FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return NotFound();
        if (user.Id == CurrentUser.Id(User))
        {
            ModelState.AddModelError(string.Empty, "不能停用自己的账号");
            await LoadAsync();
            return Page();
        }
        user.IsDisabled = !user.IsDisabled;
        if (user.IsDisabled) await SessionStore.EndAllForAsync(db, user.Id);
        audit.Record(user.IsDisabled ? "停用账号" : "启用账号", "用户", user.Id, user.RegionCode,
            new { IsDisabled = !user.IsDisabled }, new { user.IsDisabled });
        await db.SaveChangesAsync();
        TempData["Flash"] = user.IsDisabled ? $"已停用 {user.DisplayName}，其登录已全部退出" : $"已启用 {user.DisplayName}";
        return Redirect("/admin/operators");
    }

    /// <summary>
    /// Moves an operator to another region; the role follows the region (市本级 → 市级运营, a county → 区县运营).
    /// Their sessions end, so the new data scope applies from the next sign-in.
    /// </summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, string? regionCode)
    {
        await LoadAsync();
        var user = await OperatorsQuery().FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return NotFound();
        if (!RegionCodes.Exists(regionCode))
            throw new RuleViolationException("REGION_INVALID", "请选择所属区划", "regionCode", 400);
        if (user.Id == CurrentUser.Id(User))
            throw new RuleViolationException("SELF_CHANGE", "不能调整自己的区划和角色");
        var before = new { user.RegionCode, Role = RoleFor(user.RegionCode!) };
        var newRole = RoleFor(regionCode!);
        await db.InTransactionAsync(async () =>
        {
            await users.RemoveFromRolesAsync(user, Roles.Operators);
            await users.AddToRoleAsync(user, newRole);
            user.RegionCode = regionCode;
            await users.UpdateAsync(user);
            await SessionStore.EndAllForAsync(db, user.Id);
            audit.Record("调整区划和角色", "用户", user.Id, regionCode, before, new { user.RegionCode, Role = newRole });
            await db.SaveChangesAsync();
            return true;
        });
        TempData["Flash"] = $"{user.DisplayName} 已调整为{RegionCodes.NameOf(regionCode)}（{Roles.Label(newRole)}），需重新登录";
        return Redirect("/admin/operators");
    }

    private static string RoleFor(string regionCode) => regionCode == RegionCodes.City ? Roles.CityOperator : Roles.CountyOperator;

    private IQueryable<AppUser> OperatorsQuery() => db.Users.Where(u => u.RegionCode != null);

    private async Task LoadAsync()
    {
        var roleNames = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync();
        var users = await OperatorsQuery().AsNoTracking().OrderBy(u => u.RegionCode).ThenBy(u => u.CreatedAt).ToListAsync();
        Operators = users.Select(u => new OperatorRow(u.Id, u.DisplayName, PhoneNumber.Mask(u.PhoneNumber),
            string.Join("、", roleNames.Where(r => r.UserId == u.Id).Select(r => Roles.Label(r.Name!))), u.RegionCode!, RegionCodes.NameOf(u.RegionCode),
            u.IsDisabled, u.MustChangePassword)).ToList();
    }
}
