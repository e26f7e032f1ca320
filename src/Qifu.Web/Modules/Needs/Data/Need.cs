using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.Needs.Data;

/// <summary>待审核 → 征集中 (approved) | 未通过 (rejected with a reason); 征集中 → 已对接 (a proposal picked) | 已关闭 (by the
/// enterprise, with a reason) | 已过期 (the deadline passed). 待审核 also expires at the deadline.</summary>
public enum NeedStatus { PendingReview = 0, Open = 1, Rejected = 2, Docked = 3, Closed = 4, Expired = 5 }

/// <summary>有效 (editable) → 已选中 | 未选中 (another was picked); 有效 ⇄ 已撤回 (the institution may answer again).</summary>
public enum ProposalStatus { Live = 0, Withdrawn = 1, Picked = 2, NotPicked = 3 }

/// <summary>
/// An enterprise's posted need (需求): moderated by the region's operator, then answered by institutions that serve its
/// category and region (or that an operator dispatched it to), until the enterprise picks one proposal — which becomes a
/// service request — closes it, or it expires. Docs: docs/decisions/0012-needs.md.
/// </summary>
public sealed class Need
{
    public Guid Id { get; init; }
    public Guid EnterpriseId { get; init; }
    public required string EnterpriseName { get; init; }
    /// <summary>Where the need is to be served; its county operator moderates and follows it up.</summary>
    public required string RegionCode { get; set; }
    public required string CategoryCode { get; set; }
    public string SubCategory { get; set; } = "";
    public required string Title { get; set; }
    public required string Description { get; set; }
    /// <summary>Budget in 元; null means 面议.</summary>
    public decimal? Budget { get; set; }
    /// <summary>Last day (Beijing date) proposals are wanted; the need expires the day after.</summary>
    public DateOnly Deadline { get; set; }
    public NeedStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public string? CloseReason { get; private set; }
    /// <summary>"enterprise" (posted on the site) or "survey" (from a 需求摸排 answer, see NeedHandler.CreateFromSurveyAsync).</summary>
    public string Source { get; init; } = "enterprise";
    /// <summary>For a need from a survey: the answer it came from, as the enterprise wrote it.</summary>
    public string? SourceText { get; init; }
    /// <summary>For a need from a survey: the response (SurveyResponse.Id) it was made from.</summary>
    public Guid? SourceId { get; init; }
    public DateTime CreatedAt { get; init; }
    public Guid? CreatedBy { get; init; }
    public DateTime? ReviewedAt { get; private set; }
    /// <summary>When it was approved: "posted" in the figures counts from here.</summary>
    public DateTime? OpenedAt { get; private set; }
    public DateTime? FirstProposalAt { get; private set; }
    public DateTime? DockedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public Guid? PickedProposalId { get; private set; }
    public Guid? ServiceRequestId { get; set; }
    /// <summary>Put on the county's 待跟进 list by the sweep (no proposal after the set working days).</summary>
    public DateTime? FollowUpSince { get; private set; }
    public DateTime? FollowedUpAt { get; private set; }
    public string? FollowUpNote { get; private set; }
    public int Version { get; private set; }

    public bool BudgetNegotiable => Budget is null;

    public void Touch() => Version++;

    public void Approve(DateTime now)
    {
        Expect(NeedStatus.PendingReview, "审核通过");
        Status = NeedStatus.Open;
        ReviewedAt = now;
        OpenedAt = now;
        RejectReason = null;
        Touch();
    }

    public void Reject(string? reason, DateTime now)
    {
        Expect(NeedStatus.PendingReview, "驳回");
        if (string.IsNullOrWhiteSpace(reason))
            throw new RuleViolationException("REASON_REQUIRED", "请填写驳回原因（企业会看到）", "reason", 400);
        Status = NeedStatus.Rejected;
        RejectReason = reason.Trim();
        ReviewedAt = now;
        Touch();
    }

    public void Close(string? reason, DateTime now)
    {
        if (Status is not (NeedStatus.PendingReview or NeedStatus.Open))
            throw Conflict("关闭");
        if (string.IsNullOrWhiteSpace(reason))
            throw new RuleViolationException("REASON_REQUIRED", "请填写关闭原因", "reason", 400);
        Status = NeedStatus.Closed;
        CloseReason = reason.Trim();
        ClosedAt = now;
        Touch();
    }

    public void Dock(Guid proposalId, DateTime now)
    {
        Expect(NeedStatus.Open, "选择方案");
        Status = NeedStatus.Docked;
        PickedProposalId = proposalId;
        DockedAt = now;
        Touch();
    }

    /// <summary>The sweep: a need still waiting (in review or open) after its deadline day.</summary>
    public bool Expire(DateOnly today, DateTime now)
    {
        if (Status is not (NeedStatus.PendingReview or NeedStatus.Open) || Deadline >= today) return false;
        Status = NeedStatus.Expired;
        ClosedAt = now;
        Touch();
        return true;
    }

    public void EnsureOpenForProposals(DateOnly today)
    {
        if (Status != NeedStatus.Open) throw Conflict("提交方案");
        if (Deadline < today)
            throw new RuleViolationException("NEED_EXPIRED", $"该需求已于 {Deadline:yyyy-MM-dd} 截止征集方案");
    }

    public void RecordProposal(DateTime now) => FirstProposalAt ??= now;

    public void MarkForFollowUp(DateTime now)
    {
        FollowUpSince = now;
        Touch();
    }

    public void RecordFollowUp(string? note, DateTime now)
    {
        if (FollowUpSince is null)
            throw new RuleViolationException("FOLLOW_UP_NOT_DUE", "该需求不在待跟进名单中");
        if (string.IsNullOrWhiteSpace(note))
            throw new RuleViolationException("NOTE_REQUIRED", "请填写跟进情况", "note", 400);
        FollowedUpAt = now;
        FollowUpNote = note.Trim();
        Touch();
    }

    private void Expect(NeedStatus status, string action)
    {
        if (Status != status) throw Conflict(action);
    }

    private RuleViolationException Conflict(string action) =>
        new("NEED_STATUS_CONFLICT", $"该需求当前为“{NeedLabels.Label(Status)}”，不能{action}");

    public object Snapshot() => new
    {
        Title, CategoryCode, SubCategory, RegionCode, Budget, Deadline, Status = Status.ToString(), RejectReason, CloseReason, PickedProposalId,
        ServiceRequestId,
    };
}

/// <summary>An institution's answer (方案) to a need: one per institution and need, editable until the enterprise picks.</summary>
public sealed class Proposal
{
    public Guid Id { get; init; }
    public Guid NeedId { get; init; }
    public Guid InstitutionId { get; init; }
    public required string InstitutionName { get; init; }
    /// <summary>The institution's published service item the proposal is delivered as: picking it requests this item.</summary>
    public Guid ItemId { get; set; }
    public required string ItemTitle { get; set; }
    public required string Scope { get; set; }
    /// <summary>Price in 元; null means 面议.</summary>
    public decimal? Price { get; set; }
    public int DaysNeeded { get; set; }
    public ProposalStatus Status { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; private set; }

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    public object Snapshot() => new { InstitutionName, ItemTitle, Scope, Price, DaysNeeded, Status = Status.ToString() };
}

/// <summary>派单: an operator sent the need to this institution, which may then answer it whatever the visibility rule says.</summary>
public sealed class NeedDispatch
{
    public Guid Id { get; init; }
    public Guid NeedId { get; init; }
    public Guid InstitutionId { get; init; }
    public required string InstitutionName { get; init; }
    public string? Note { get; init; }
    public DateTime DispatchedAt { get; init; }
    public required string DispatchedBy { get; init; }
}
