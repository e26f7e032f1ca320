using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.Institutions.FindInstitutions;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Institutions.ReviewInstitutions;

public sealed record RejectDecision
{
    [StringLength(500, ErrorMessage = "驳回原因不能超过500字")]
    public string? Reason { get; init; }
}

public sealed record SuspendDecision
{
    [Required(ErrorMessage = "请填写暂停原因")]
    [StringLength(500, ErrorMessage = "暂停原因不能超过500字")]
    public string? Reason { get; init; }
}

/// <summary>核心服务机构 validity period, in China's calendar days.</summary>
public sealed record CoreDecision
{
    [Required(ErrorMessage = "请选择有效期开始日期")]
    public DateOnly? CoreFrom { get; init; }

    [Required(ErrorMessage = "请选择有效期结束日期")]
    public DateOnly? CoreUntil { get; init; }
}

/// <summary>
/// 入驻审核 and what follows it: approve, reject, suspend, resume and (city only) the core-institution mark.
/// Outside the operator's data scope the institution does not exist for them (null → 404), and nothing changes.
/// </summary>
public sealed class ReviewInstitutionHandler(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public Task<Institution?> ApproveAsync(Guid id, ClaimsPrincipal user) =>
        ChangeAsync(id, user, "审核通过", (i, now) => i.Approve(now));

    public Task<Institution?> RejectAsync(Guid id, string? reason, ClaimsPrincipal user) =>
        ChangeAsync(id, user, "审核驳回", (i, now) => i.Reject(reason, now), i => i.RejectReason);

    public Task<Institution?> SuspendAsync(Guid id, string? reason, ClaimsPrincipal user) =>
        ChangeAsync(id, user, "暂停服务", (i, now) => i.Suspend(reason, now), i => i.SuspendReason);

    public Task<Institution?> ResumeAsync(Guid id, ClaimsPrincipal user) =>
        ChangeAsync(id, user, "恢复服务", (i, now) => i.Resume(now));

    public Task<Institution?> MarkCoreAsync(Guid id, DateOnly from, DateOnly until, ClaimsPrincipal user) =>
        ChangeAsync(id, user, "认定核心服务机构", (i, now) => i.MarkCore(from, until, HengyangCalendar.DayOf(now)), _ => $"有效期 {from:yyyy-MM-dd} 至 {until:yyyy-MM-dd}");

    public Task<Institution?> UnmarkCoreAsync(Guid id, ClaimsPrincipal user) =>
        ChangeAsync(id, user, "取消核心服务机构", (i, _) => i.UnmarkCore());

    private async Task<Institution?> ChangeAsync(Guid id, ClaimsPrincipal user, string action, Action<Institution, DateTime> change,
        Func<Institution, string?>? comment = null)
    {
        var institution = await DataScope.Of(user).Apply(db.Institutions, i => i.RegionCode).FirstOrDefaultAsync(i => i.Id == id);
        if (institution is null) return null;
        var before = institution.Snapshot();
        var status = institution.Status;
        var now = clock.GetUtcNow().UtcDateTime;
        change(institution, now);
        // Every review decision can change what the public search shows (listed, hidden, core badge): the index follows this log.
        SearchLog.Changed(db, InstitutionSearchSource.KindCode, institution.Id, now);
        // A suspended institution's items leave the search with it (and come back on resume), as they do from the item pages.
        if (institution.Status != status)
            foreach (var item in await db.ServiceItems.Where(i => i.InstitutionId == institution.Id && i.Status == ItemStatus.Published).Select(i => i.Id).ToListAsync())
                SearchLog.Changed(db, ItemSearchKinds.Item, item, now);
        audit.Record(action, InstitutionsModule.AuditEntityType, institution.Id, institution.RegionCode, before, institution.Snapshot(), comment?.Invoke(institution));
        await db.SaveChangesAsync();
        return institution;
    }
}
