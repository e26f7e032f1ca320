using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.ServiceRequests.RequestItem;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Needs;

/// <summary>
/// The enterprise's and the operators' side of a need: post (or from a survey answer), close, pick a proposal (which
/// submits a service request through the marketplace's own handler, in the same transaction), moderate, dispatch and
/// record a follow-up. Every step: change + audit entry + inbox messages in one save. Null means "not yours" (404).
/// </summary>
public sealed class NeedHandler(AppDbContext db, NeedAccess access, SubmitRequestHandler requests, AuditTrail audit, Notifier notifier, TimeProvider clock)
{
    public const int MaxDeadlineDays = 366;

    public async Task<Need?> CreateAsync(ClaimsPrincipal user, NeedInput input)
    {
        var enterpriseId = user.IsInRole(Roles.Enterprise) ? CurrentUser.EnterpriseId(user) : null;
        if (enterpriseId is null) return null;
        return await CreateForAsync(enterpriseId.Value, input, "enterprise", null, CurrentUser.Id(user));
    }

    /// <summary>
    /// For the Surveys module: a need on behalf of an enterprise from one survey answer. It goes to moderation like any other
    /// (budget 面议, deadline 30 days out); the enterprise finds it in 我的需求 and may close it. Throws
    /// <see cref="RuleViolationException"/> for an unknown or unapproved enterprise or bad values.
    /// </summary>
    public async Task<Need> CreateFromSurveyAsync(Guid enterpriseId, string category, string title, string description, string? region, string sourceText,
        Guid? responseId = null, Guid? by = null)
    {
        var text = sourceText.Trim();
        var input = new NeedInput
        {
            CategoryCode = category, Title = title, Description = description, RegionCode = region, BudgetNegotiable = true,
            Deadline = HengyangCalendar.Today(clock).AddDays(30),
        };
        var errors = Platform.Errors.Validation.Errors(input);
        if (errors.Count > 0)
        {
            var (field, messages) = errors.First();
            throw new RuleViolationException("NEED_INVALID", messages[0], field, 400);
        }
        return await CreateForAsync(enterpriseId, input, "survey", text.Length > 2000 ? text[..2000] : text, by, responseId);
    }

    private async Task<Need> CreateForAsync(Guid enterpriseId, NeedInput input, string source, string? sourceText, Guid? by, Guid? sourceId = null)
    {
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId)
            ?? throw new RuleViolationException("ENTERPRISE_NOT_FOUND", "企业不存在", "enterpriseId", 404);
        if (enterprise.Status != RegistrationStatus.Approved)
            throw new RuleViolationException("ENTERPRISE_NOT_APPROVED", "企业注册审核通过后才能发布需求", null, 403);
        var (category, sub, region, deadline) = Check(input, enterprise.RegionCode);
        var now = clock.GetUtcNow().UtcDateTime;
        var need = new Need
        {
            Id = Guid.NewGuid(), EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name, RegionCode = region, CategoryCode = category,
            SubCategory = sub, Title = input.Title.Trim(), Description = input.Description.Trim(), Budget = input.BudgetNegotiable ? null : input.Budget,
            Deadline = deadline, Source = source, SourceText = sourceText, SourceId = sourceId, CreatedAt = now, CreatedBy = by,
        };
        db.Needs.Add(need);
        audit.Record(source == "survey" ? "由需求摸排生成需求" : "发布需求", NeedsModule.AuditEntityType, need.Id, region, null, need.Snapshot());
        await notifier.NotifyAsync("need.submitted", new Parties(EnterpriseId: enterprise.Id, RegionCode: region), $"需求待审核：{need.Title}",
            $"{enterprise.Name}发布了{ServiceCategories.NameOf(category)}需求，请审核。", $"/manage/needs/{need.Id}");
        await db.SaveChangesAsync();
        return need;
    }

    /// <summary>What DataAnnotations cannot say: codes exist, sub-category fits, the deadline is today or later (within a year).</summary>
    private (string Category, string Sub, string Region, DateOnly Deadline) Check(NeedInput input, string ownRegion)
    {
        if (!ServiceCategories.Exists(input.CategoryCode))
            throw new RuleViolationException("CATEGORY_INVALID", "请选择有效的服务类别", "categoryCode", 400);
        var sub = input.SubCategory?.Trim() ?? "";
        if (sub.Length > 0 && !ServiceCategories.IsSubCategoryOf(input.CategoryCode, sub))
            throw new RuleViolationException("SUBCATEGORY_INVALID", "服务子类与所选服务类别不符", "subCategory", 400);
        var region = string.IsNullOrWhiteSpace(input.RegionCode) ? ownRegion : input.RegionCode.Trim();
        if (!RegionCodes.Exists(region))
            throw new RuleViolationException("REGION_INVALID", "请选择有效的服务区域", "regionCode", 400);
        var today = HengyangCalendar.Today(clock);
        var deadline = input.Deadline!.Value;
        if (deadline < today)
            throw new RuleViolationException("DEADLINE_IN_PAST", "截止日期不能早于今天", "deadline", 400);
        if (deadline > today.AddDays(MaxDeadlineDays))
            throw new RuleViolationException("DEADLINE_TOO_FAR", "截止日期不能晚于一年以后", "deadline", 400);
        return (input.CategoryCode, sub, region, deadline);
    }

    public async Task<Need?> CloseAsync(ClaimsPrincipal user, Guid id, string? reason)
    {
        var need = await access.OwnEnterprise(user, tracked: true).FirstOrDefaultAsync(n => n.Id == id);
        if (need is null) return null;
        var before = need.Snapshot();
        var now = clock.GetUtcNow().UtcDateTime;
        need.Close(reason, now);
        var live = await db.NeedProposals.Where(p => p.NeedId == id && p.Status == ProposalStatus.Live).ToListAsync();
        foreach (var p in live)
        {
            p.Status = ProposalStatus.NotPicked;
            p.Touch(now);
            await notifier.NotifyAsync("need.closed", new Parties(InstitutionId: p.InstitutionId), $"需求已关闭：{need.Title}",
                $"企业关闭了该需求，原因：{need.CloseReason}", $"/institution/needs/{id}");
        }
        audit.Record("关闭需求", NeedsModule.AuditEntityType, id, need.RegionCode, before, need.Snapshot(), need.CloseReason);
        await db.SaveChangesAsync();
        return need;
    }

    /// <summary>
    /// 选择方案: the need becomes 已对接, the proposal 已选中 (the others 未选中), and a service request for the proposal's item
    /// is submitted through <see cref="SubmitRequestHandler"/> (consent, deadline, timeline, counters) in the same save.
    /// </summary>
    public async Task<ServiceRequest?> PickAsync(ClaimsPrincipal user, Guid id, Guid proposalId, PickInput input)
    {
        var need = await access.OwnEnterprise(user, tracked: true).FirstOrDefaultAsync(n => n.Id == id);
        if (need is null) return null;
        var proposal = await db.NeedProposals.FirstOrDefaultAsync(p => p.Id == proposalId && p.NeedId == id);
        if (proposal is null) return null;
        if (need.Status != NeedStatus.Open)
            throw new RuleViolationException("NEED_STATUS_CONFLICT", $"该需求当前为“{NeedLabels.Label(need.Status)}”，不能选择方案");
        if (proposal.Status != ProposalStatus.Live)
            throw new RuleViolationException("PROPOSAL_NOT_LIVE", $"该方案当前为“{NeedLabels.Label(proposal.Status)}”，不能选择");
        var now = clock.GetUtcNow().UtcDateTime;
        var before = need.Snapshot();
        need.Dock(proposal.Id, now);
        proposal.Status = ProposalStatus.Picked;
        proposal.Touch(now);
        foreach (var other in await db.NeedProposals.Where(p => p.NeedId == id && p.Id != proposalId && p.Status == ProposalStatus.Live).ToListAsync())
        {
            other.Status = ProposalStatus.NotPicked;
            other.Touch(now);
            await notifier.NotifyAsync("need.not-picked", new Parties(InstitutionId: other.InstitutionId), $"方案未被选中：{need.Title}",
                "企业已选择其他机构的方案，感谢参与。", $"/institution/needs/{id}");
        }
        await notifier.NotifyAsync("need.picked", new Parties(InstitutionId: proposal.InstitutionId), $"方案被选中：{need.Title}",
            $"{need.EnterpriseName}选择了贵机构的方案，已生成服务申请，请在服务申请中受理。", $"/institution/needs/{id}");
        var text = $"【需求对接】{need.Title}\n{need.Description}\n选定方案：{proposal.Scope}（报价：{NeedLabels.Money(proposal.Price)}，约{proposal.DaysNeeded}天）";
        var request = await requests.SubmitAsync(proposal.ItemId,
            new RequestInput { Need = text.Length > 2000 ? text[..2000] : text, ContactName = input.ContactName, ContactPhone = input.ContactPhone, Consent = input.Consent },
            null, user, r =>
            {
                need.ServiceRequestId = r.Id;
                audit.Record("选择方案（已对接）", NeedsModule.AuditEntityType, id, need.RegionCode, before, need.Snapshot(),
                    $"{proposal.InstitutionName}；服务申请 {r.Number}");
            });
        return request ?? throw new RuleViolationException("ITEM_NOT_AVAILABLE", "该方案对应的服务项目已不可申请，请选择其他方案");
    }

    public async Task<Need?> ApproveAsync(ClaimsPrincipal user, Guid id)
    {
        var need = await access.Managed(user, tracked: true).FirstOrDefaultAsync(n => n.Id == id);
        if (need is null) return null;
        var before = need.Snapshot();
        need.Approve(clock.GetUtcNow().UtcDateTime);
        audit.Record("需求审核通过", NeedsModule.AuditEntityType, id, need.RegionCode, before, need.Snapshot());
        await notifier.NotifyAsync("need.approved", new Parties(EnterpriseId: need.EnterpriseId), $"需求已发布：{need.Title}",
            "您的需求已通过审核，相关服务机构现在可以提交方案。", $"/enterprise/needs/{id}");
        await db.SaveChangesAsync();
        return need;
    }

    public async Task<Need?> RejectAsync(ClaimsPrincipal user, Guid id, string? reason)
    {
        var need = await access.Managed(user, tracked: true).FirstOrDefaultAsync(n => n.Id == id);
        if (need is null) return null;
        var before = need.Snapshot();
        need.Reject(reason, clock.GetUtcNow().UtcDateTime);
        audit.Record("需求审核驳回", NeedsModule.AuditEntityType, id, need.RegionCode, before, need.Snapshot(), need.RejectReason);
        await notifier.NotifyAsync("need.rejected", new Parties(EnterpriseId: need.EnterpriseId), $"需求未通过审核：{need.Title}",
            $"驳回原因：{need.RejectReason}", $"/enterprise/needs/{id}");
        await db.SaveChangesAsync();
        return need;
    }

    /// <summary>派单: the chosen approved institutions get an inbox message and see the need in their list. Sending twice to the
    /// same institution is refused for that one (409), so nobody is told twice.</summary>
    public async Task<List<NeedDispatch>?> DispatchAsync(ClaimsPrincipal user, Guid id, DispatchInput input)
    {
        var need = await access.Managed(user, tracked: true).FirstOrDefaultAsync(n => n.Id == id);
        if (need is null) return null;
        if (need.Status != NeedStatus.Open)
            throw new RuleViolationException("NEED_STATUS_CONFLICT", $"该需求当前为“{NeedLabels.Label(need.Status)}”，只有征集方案中的需求可以派单");
        var ids = input.InstitutionIds.Distinct().ToList();
        if (ids.Count == 0)
            throw new RuleViolationException("INSTITUTIONS_REQUIRED", "请至少选择一家服务机构", "institutionIds", 400);
        if (ids.Count > 20)
            throw new RuleViolationException("TOO_MANY_INSTITUTIONS", "一次最多派给20家服务机构", "institutionIds", 400);
        var institutions = await db.Institutions.AsNoTracking().Where(i => ids.Contains(i.Id) && i.Status == RegistrationStatus.Approved)
            .Select(i => new { i.Id, i.Name }).ToListAsync();
        if (institutions.Count != ids.Count)
            throw new RuleViolationException("INSTITUTION_INVALID", "所选服务机构不存在或未通过入驻审核", "institutionIds", 400);
        if (await db.NeedDispatches.AnyAsync(d => d.NeedId == id && ids.Contains(d.InstitutionId)))
            throw new RuleViolationException("ALREADY_DISPATCHED", "所选机构中已有机构收到过该需求的派单", "institutionIds");
        var now = clock.GetUtcNow().UtcDateTime;
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var by = CurrentUser.Name(user);
        var rows = institutions.Select(i => new NeedDispatch
        {
            Id = Guid.NewGuid(), NeedId = id, InstitutionId = i.Id, InstitutionName = i.Name, Note = note, DispatchedAt = now,
            DispatchedBy = by.Length > 100 ? by[..100] : by,
        }).ToList();
        db.NeedDispatches.AddRange(rows);
        need.Touch();
        foreach (var r in rows)
            await notifier.NotifyAsync("need.dispatched", new Parties(InstitutionId: r.InstitutionId), $"派单：{need.Title}",
                $"{RegionCodes.NameOf(need.RegionCode)}有一项{ServiceCategories.NameOf(need.CategoryCode)}需求请贵机构提交方案，截止 {need.Deadline:yyyy-MM-dd}。{note}",
                $"/institution/needs/{id}");
        audit.Record("派单", NeedsModule.AuditEntityType, id, need.RegionCode, null, new { Institutions = rows.Select(r => r.InstitutionName) }, note);
        await db.SaveChangesAsync();
        return rows;
    }

    public async Task<Need?> RecordFollowUpAsync(ClaimsPrincipal user, Guid id, string? note)
    {
        var need = await access.Managed(user, tracked: true).FirstOrDefaultAsync(n => n.Id == id);
        if (need is null) return null;
        need.RecordFollowUp(note, clock.GetUtcNow().UtcDateTime);
        audit.Record("需求跟进", NeedsModule.AuditEntityType, id, need.RegionCode, null, null, need.FollowUpNote);
        await db.SaveChangesAsync();
        return need;
    }
}
