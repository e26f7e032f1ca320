using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.LoanRenewal.Apply;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.Shared;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>Query string of the case lists (pages and API). Stage: waiting (等待我处理), open (进行中), closed (已结束).</summary>
public sealed record RenewalFilter
{
    public RenewalStatus? Status { get; init; }
    public string? Stage { get; init; }
    public string? Region { get; init; }
    /// <summary>Case number or enterprise name.</summary>
    public string? Q { get; init; }
    // From the query only: bound as a page model's filter, "Page" would otherwise be read from Razor Pages' own "page" route value.
    [FromQuery(Name = "Page")] public int? Page { get; init; }
    public int? PageSize { get; init; }
}

/// <summary>
/// One row of a case list. Lists never carry the full contract number or the exact amounts (decisions/0014): the contract
/// number masked, the requested amount rounded to 万元.
/// </summary>
public sealed record RenewalRow(Guid Id, string Number, string EnterpriseName, string RegionCode, string RegionName, string BankName,
    string ContractNumberMasked, string RequestedAmountWan, DateOnly MaturityOn, string Status, string StatusLabel, string StatusNote, bool ShortNotice,
    DateTime CreatedAt, DateTime? SubmittedAt, DateOnly? DueOn, string? DueLabel, int? WorkingDaysLeft, string? Countdown);

/// <summary>A list as the shared table partial shows it.</summary>
public sealed record RowsView(Paged<RenewalRow> Result, string DetailBase, string Caption);

public sealed record RenewalEventView(Guid Id, DateTime At, string Action, string ActionLabel, string ToStatus, string ToStatusLabel, bool StatusChanged,
    string Party, string PartyLabel, string ActorName, string? Comment, IReadOnlyList<RenewalDocument> Files);

public sealed record ChecklistState(string Code, string Label, bool Required, string Hint, int Files, string? Correction);

/// <summary>The case as one of its parties sees it; Actions are the API action names the caller may take now.</summary>
public sealed record RenewalDetail(RenewalRow Case, string CreditCode, string ContractNumber, long LoanAmount, string Purpose, long RequestedAmount,
    int RequestedTermMonths, string ContactName, string ContactPhone, string? MaturityWarning, int ReturnCount, DateTime? AcceptedAt,
    DateTime? ForwardedAt, DateOnly? DueDiligenceOn, string? DueDiligenceNotes, DateTime? DecidedAt, long? ApprovedAmount, int? ApprovedTermMonths,
    string? NewContractNumber, string? DeclineReason, DateOnly? DisbursedOn, bool ConsentGiven, IReadOnlyList<ChecklistState> Checklist,
    IReadOnlyList<string> MissingRequired, IReadOnlyList<string> Actions, IReadOnlyList<RenewalEventView> Events);

/// <summary>Reads over cases, always through <see cref="RenewalAccess"/>; the same rows feed the pages and the API.</summary>
public sealed class RenewalQueries(AppDbContext db, RenewalAccess access, RenewalFiles files, WorkingCalendar calendar, SiteSettings settings, AuditTrail audit)
{
    public const string Waiting = "waiting";
    public const string Open = "open";
    public const string Closed = "closed";

    public static readonly (string Code, string Label)[] Stages = [(Waiting, "等待我处理"), (Open, "进行中"), (Closed, "已结束")];

    /// <summary>The statuses in which the case waits for the given party.</summary>
    public static RenewalStatus[] WaitingFor(RenewalViewer viewer) => viewer switch
    {
        RenewalViewer.Enterprise => [RenewalStatus.Draft, RenewalStatus.Incomplete],
        RenewalViewer.Desk => [RenewalStatus.Submitted, RenewalStatus.Resubmitted, RenewalStatus.Accepted],
        RenewalViewer.Bank => [RenewalStatus.PushedToBank, RenewalStatus.DueDiligence, RenewalStatus.Approved],
        _ => [],
    };

    private static readonly RenewalStatus[] Ended = [RenewalStatus.Rejected, RenewalStatus.Disbursed, RenewalStatus.Withdrawn];

    public async Task<Paged<RenewalRow>> ListAsync(ClaimsPrincipal user, RenewalFilter f)
    {
        var q = access.Visible(user);
        if (f.Status is { } s) q = q.Where(c => c.Status == s);
        var viewer = RenewalAccess.ViewerOf(user);
        var waiting = WaitingFor(viewer);
        q = f.Stage switch
        {
            Waiting => q.Where(c => waiting.Contains(c.Status)),
            Open => q.Where(c => !Ended.Contains(c.Status)),
            Closed => q.Where(c => Ended.Contains(c.Status)),
            _ => q,
        };
        if (!string.IsNullOrWhiteSpace(f.Region)) q = q.Where(c => c.RegionCode == f.Region);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim();
            var number = term.ToUpperInvariant();
            q = q.Where(c => c.Number == number || c.EnterpriseName.Contains(term));
        }
        // The desk and the banks work the case with the nearest deadline first; enterprises see their newest first.
        var ordered = viewer == RenewalViewer.Enterprise
            ? q.OrderByDescending(c => c.CreatedAt)
            : q.OrderBy(c => c.DueOn == null).ThenBy(c => c.DueOn).ThenBy(c => c.MaturityOn);
        var page = await Paged<RenewalCase>.OfAsync(ordered.ThenBy(c => c.Id), f.Page, f.PageSize, c => c);
        var rows = new List<RenewalRow>(page.Items.Count);
        foreach (var c in page.Items) rows.Add(await RowAsync(c));
        return new Paged<RenewalRow>(rows, page.Total, page.Page, page.PageSize);
    }

    public static string? DueLabel(RenewalStatus s) => s switch
    {
        RenewalStatus.Submitted or RenewalStatus.Resubmitted => "受理期限",
        RenewalStatus.Accepted => "推送期限",
        RenewalStatus.PushedToBank or RenewalStatus.DueDiligence => "银行决定期限",
        RenewalStatus.Approved => "放款期限（原贷款到期日）",
        _ => null,
    };

    public async Task<RenewalRow> RowAsync(RenewalCase c)
    {
        var label = c.DueOn is null ? null : DueLabel(c.Status);
        int? left = label is not null && c.DueOn is { } d ? await calendar.WorkingDaysLeftAsync(d, calendar.Today) : null;
        return new RenewalRow(c.Id, c.Number, c.EnterpriseName, c.RegionCode, RegionCodes.NameOf(c.RegionCode), c.BankName,
            RenewalText.MaskContract(c.ContractNumber), RenewalText.Wan(c.RequestedAmount), c.MaturityOn, c.Status.ToString(),
            RenewalStatuses.Label(c.Status), c.StatusNote ?? RenewalStatuses.Label(c.Status), c.ShortNotice, c.CreatedAt, c.SubmittedAt,
            label is null ? null : c.DueOn, label, left, left is { } l ? WorkingCalendar.Countdown(l) : null);
    }

    public async Task<RenewalDetail?> DetailAsync(ClaimsPrincipal user, Guid id)
    {
        var c = await access.Visible(user).FirstOrDefaultAsync(x => x.Id == id);
        if (c is null) return null;
        var viewer = RenewalAccess.ViewerOf(user);
        var events = await db.RenewalEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Sequence).ThenBy(e => e.At).ToListAsync();
        var documents = await files.OfCaseAsync(id);
        var byEvent = documents.ToLookup(d => d.EventId);
        var corrections = c.CorrectionList.ToDictionary(k => k.Document, k => k.Reason);
        var checklist = Checklist.Items.Select(i => new ChecklistState(i.Code, i.Label, i.Required, i.Hint, documents.Count(d => d.Document == i.Code),
            corrections.GetValueOrDefault(i.Code))).ToList();
        var missing = Checklist.Missing(documents.Select(d => d.Document)).Select(m => m.Label).ToList();
        var minDays = await settings.GetIntAsync(Settings.LoanRenewalMinDaysBeforeMaturity);
        var open = c.Status is not (RenewalStatus.Disbursed or RenewalStatus.Rejected or RenewalStatus.Withdrawn);
        var warning = open ? ApplyHandler.MaturityWarning(c.MaturityOn, calendar.Today, minDays) : null;
        if (warning is null && c.ShortNotice && open) warning = $"本申请提交时距原贷款到期不足 {minDays} 天。";
        return new RenewalDetail(await RowAsync(c), c.CreditCode, c.ContractNumber, c.LoanAmount, c.Purpose, c.RequestedAmount, c.RequestedTermMonths,
            c.ContactName, c.ContactPhone, warning, c.ReturnCount, c.AcceptedAt, c.ForwardedAt, c.DueDiligenceOn, c.DueDiligenceNotes, c.DecidedAt,
            c.ApprovedAmount, c.ApprovedTermMonths, c.NewContractNumber, c.DeclineReason, c.DisbursedOn, c.ConsentId is not null, checklist, missing,
            ActionsFor(c, viewer),
            events.Select(e => new RenewalEventView(e.Id, e.At, e.Action, RenewalStatuses.ActionLabel(e.Action), e.ToStatus.ToString(),
                RenewalStatuses.Label(e.ToStatus), e.FromStatus != e.ToStatus, e.Party.ToString(), RenewalStatuses.PartyLabel(e.Party), e.ActorName,
                e.Comment, byEvent[e.Id].ToList())).ToList());
    }

    public static IReadOnlyList<string> ActionsFor(RenewalCase c, RenewalViewer viewer)
    {
        var list = new List<string>();
        switch (viewer)
        {
            case RenewalViewer.Enterprise:
                if (c.MayAddDocuments) list.AddRange(["documents", "submit"]);
                if (c.MayWithdraw) list.Add("withdraw");
                break;
            case RenewalViewer.Desk:
                if (c.Status is RenewalStatus.Submitted or RenewalStatus.Resubmitted) list.AddRange(["accept", "return"]);
                if (c.Status == RenewalStatus.Accepted) list.Add("forward");
                break;
            case RenewalViewer.Bank:
                if (c.Status is RenewalStatus.PushedToBank or RenewalStatus.DueDiligence) list.Add("due-diligence");
                if (c.Status == RenewalStatus.DueDiligence) list.Add("decision");
                if (c.Status == RenewalStatus.Approved) list.Add("disbursement");
                break;
        }
        return list;
    }

    /// <summary>
    /// A document of a case the caller may see, with an audit entry for the read (the documents are sensitive: loan
    /// contracts, statements, ID). Null when the case or file is not the caller's (404).
    /// </summary>
    public async Task<Platform.Files.StoredFile?> ReadDocumentAsync(ClaimsPrincipal user, Guid caseId, Guid fileId)
    {
        var c = await access.Visible(user).Select(x => new { x.Id, x.RegionCode, x.Number }).FirstOrDefaultAsync(x => x.Id == caseId);
        if (c is null) return null;
        var file = await files.FindAsync(caseId, fileId);
        if (file is null) return null;
        audit.Record("查看续贷材料", LoanRenewalModule.AuditEntityType, caseId, c.RegionCode,
            comment: $"{c.Number} · {Checklist.Label(Checklist.CodeOfPurpose(file.Purpose) ?? "")} · {file.FileName}");
        await db.SaveChangesAsync();
        return file;
    }
}
