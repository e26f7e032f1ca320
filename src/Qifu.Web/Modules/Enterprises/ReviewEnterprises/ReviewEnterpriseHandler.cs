using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ReviewEnterprises;

public sealed record ReviewDecision
{
    [StringLength(500, ErrorMessage = "驳回原因不能超过500字")]
    public string? Reason { get; init; }
}

/// <summary>
/// 注册审核: an operator approves or rejects a submitted registration in their data scope.
/// Outside the scope the record does not exist for them (null → 404), and nothing changes.
/// </summary>
public sealed class ReviewEnterpriseHandler(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Enterprise?> ApproveAsync(Guid id, ClaimsPrincipal operatorUser)
    {
        var enterprise = await FindInScopeAsync(id, operatorUser);
        if (enterprise is null) return null;
        var before = enterprise.Snapshot();
        enterprise.Approve(clock.GetUtcNow().UtcDateTime);
        audit.Record("审核通过", "企业", enterprise.Id, enterprise.RegionCode, before, enterprise.Snapshot());
        await db.SaveChangesAsync();
        return enterprise;
    }

    public async Task<Enterprise?> RejectAsync(Guid id, string? reason, ClaimsPrincipal operatorUser)
    {
        var enterprise = await FindInScopeAsync(id, operatorUser);
        if (enterprise is null) return null;
        var before = enterprise.Snapshot();
        enterprise.Reject(reason, clock.GetUtcNow().UtcDateTime);
        audit.Record("审核驳回", "企业", enterprise.Id, enterprise.RegionCode, before, enterprise.Snapshot(), enterprise.RejectReason);
        await db.SaveChangesAsync();
        return enterprise;
    }

    private Task<Enterprise?> FindInScopeAsync(Guid id, ClaimsPrincipal user) =>
        DataScope.Of(user).Apply(db.Enterprises, e => e.RegionCode).FirstOrDefaultAsync(e => e.Id == id);
}
