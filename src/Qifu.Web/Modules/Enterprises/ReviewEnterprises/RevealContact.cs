using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ReviewEnterprises;

public sealed record RevealRequest
{
    [Required(ErrorMessage = "请填写查看原因")]
    [StringLength(100, ErrorMessage = "查看原因不能超过100字")]
    public string Reason { get; init; } = "";
}

public sealed record RevealedContact(string Name, string Phone);

/// <summary>
/// 查看完整联系方式 (SECURITY.md PI-06): an operator who must call the enterprise sees the contact unmasked, once,
/// after giving a reason; each view is audited and an operator may do it at most 50 times a day.
/// </summary>
public sealed class RevealContactHandler(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const int DailyLimit = 50;
    public const string Action = "查看完整信息";

    public async Task<RevealedContact?> HandleAsync(Guid id, string reason, ClaimsPrincipal operatorUser)
    {
        var enterprise = await DataScope.Of(operatorUser).Apply(db.Enterprises.AsNoTracking(), e => e.RegionCode).FirstOrDefaultAsync(e => e.Id == id);
        if (enterprise is null) return null;
        var me = CurrentUser.Id(operatorUser);
        var dayStart = HengyangCalendar.Today(clock).ToDateTime(TimeOnly.MinValue).AddHours(-8);
        var usedToday = await db.AuditEntries.CountAsync(a => a.ActorId == me && a.Action == Action && a.At >= dayStart);
        if (usedToday >= DailyLimit)
            throw new RuleViolationException("UNMASK_LIMIT", $"今日查看完整信息已达{DailyLimit}次上限，请明日再试", "reason", 429);
        audit.Record(Action, "企业", enterprise.Id, enterprise.RegionCode, comment: reason.Trim());
        await db.SaveChangesAsync();
        return new RevealedContact(enterprise.ContactName, enterprise.ContactPhone);
    }
}
