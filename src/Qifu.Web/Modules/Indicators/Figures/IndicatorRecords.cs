using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;
using Registration = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.Indicators.Figures;

/// <summary>The records behind a figure, as a table: the evidence an auditor asks for.</summary>
public sealed record RecordList(string Figure, string Title, string[] Columns, IReadOnlyList<string[]> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// 下钻: the raw rows each figure counts, with the same rules as <see cref="IndicatorFactsReader"/> (a test checks that the number of
/// rows equals the figure). Every list is limited to a region (the caller's scope is checked before) and a period in China time.
/// </summary>
public sealed class IndicatorRecords(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["institutions"] = "入驻服务机构", ["items"] = "发布的服务项目", ["enterprises"] = "注册企业", ["activities"] = "举办的活动及签到人数",
        ["evaluations"] = "服务评价", ["articles"] = "发布的新闻信息", ["served"] = "服务企业名单", ["completed"] = "办结的服务",
        ["attendance"] = "活动签到", ["feedback"] = "活动评价", ["needs"] = "企业需求", ["loans"] = "续贷申请",
    };

    public static string Require(string? figure) =>
        figure is not null && Titles.ContainsKey(figure) ? figure
            : throw new RuleViolationException("FIGURE_INVALID", "指标不存在：请从运营指标页面的数字进入明细", "figure", 400);

    /// <param name="page">1-based; 0 = every row (exports).</param>
    public async Task<RecordList> ListAsync(string figure, string region, Period period, int page, CancellationToken ct = default)
    {
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var from = period.From.ToDateTime(TimeOnly.MinValue).AddHours(-8);
        var until = period.To.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(-8);
        var city = region == RegionCodes.City;
        var now = clock.GetUtcNow().UtcDateTime;
        var title = Titles[Require(figure)];
        page = Math.Max(0, page);

        async Task<RecordList> Rows<T>(IQueryable<T> q, string[] columns, Func<T, string[]> row)
        {
            var total = await q.CountAsync(ct);
            var items = page == 0 ? await q.ToListAsync(ct) : await q.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            return new RecordList(figure, title, columns, [.. items.Select(row)], total, Math.Max(1, page), PageSize);
        }

        switch (figure)
        {
            case "institutions":
                return await Rows(db.Institutions.Where(i => i.ApprovedAt >= from && i.ApprovedAt < until && (city || i.RegionCode == region))
                        .OrderBy(i => i.ApprovedAt).ThenBy(i => i.Id).Select(i => new { i.Name, i.CreditCode, i.RegionCode, At = i.ApprovedAt!.Value, i.IsCore, i.Status }),
                    ["机构名称", "统一社会信用代码", "区县", "入驻通过日期", "核心服务机构", "当前状态"],
                    i => [i.Name, i.CreditCode, RegionCodes.NameOf(i.RegionCode), Day(i.At), i.IsCore ? "是" : "否", Platform.Registration.RegistrationStatuses.Label(i.Status)]);
            case "items":
                return await Rows(db.ServiceItems.Where(i => i.PublishedAt >= from && i.PublishedAt < until && (city || i.RegionCode == region))
                        .OrderBy(i => i.PublishedAt).ThenBy(i => i.Id)
                        .Join(db.Institutions, i => i.InstitutionId, n => n.Id, (i, n) => new { i.Content.Title, i.Content.CategoryCode, i.Content.FeeType, n.Name, i.RegionCode, At = i.PublishedAt!.Value, i.Status }),
                    ["服务项目", "类别", "收费方式", "服务机构", "区县", "首次发布日期", "当前状态"],
                    i => [i.Title, ServiceCategories.All.FirstOrDefault(c => c.Code == i.CategoryCode)?.Name ?? i.CategoryCode, ItemStatuses.Label(i.FeeType), i.Name,
                        RegionCodes.NameOf(i.RegionCode), Day(i.At), i.Status == ItemStatus.Published ? "在架" : "已下架或修改中"]);
            case "enterprises":
                return await Rows(db.Enterprises.Where(e => e.Status == Registration.Approved && (e.ApprovedAt ?? e.CreatedAt) >= from && (e.ApprovedAt ?? e.CreatedAt) < until
                            && (city || e.RegionCode == region))
                        .OrderBy(e => e.ApprovedAt ?? e.CreatedAt).ThenBy(e => e.Id).Select(e => new { e.Name, e.CreditCode, e.RegionCode, e.SizeClass, e.IndustrySection, At = e.ApprovedAt ?? e.CreatedAt }),
                    ["企业名称", "统一社会信用代码", "区县", "规模", "行业门类", "审核通过日期"],
                    e => [e.Name, e.CreditCode, RegionCodes.NameOf(e.RegionCode), SizeClasses.Label(e.SizeClass), e.IndustrySection, Day(e.At)]);
            case "activities":
                return await Rows(db.Activities.Where(a => (a.Status == ActivityStatus.Finished || (a.Status == ActivityStatus.Published && a.EndsAt < now))
                            && a.EndsAt >= from && a.EndsAt < until && (city || a.RegionCode == region))
                        .OrderBy(a => a.EndsAt).ThenBy(a => a.Id)
                        .Select(a => new
                        {
                            a.Title, a.Type, a.OrganiserName, a.RegionCode, a.StartsAt, a.IsPublicInterest,
                            Registered = db.ActivityRegistrations.Count(r => r.ActivityId == a.Id && r.Status == Activities.Data.RegistrationStatus.Registered),
                            CheckedIn = db.ActivityRegistrations.Where(r => r.ActivityId == a.Id && r.CheckedInAt != null).Sum(r => (int?)r.Seats) ?? 0,
                        }),
                    ["活动", "类型", "主办单位", "区县", "举办日期", "公益活动", "报名（家）", "签到（人）"],
                    a => [a.Title, ActivityLabels.Label(a.Type), a.OrganiserName, RegionCodes.NameOf(a.RegionCode), Day(a.StartsAt), a.IsPublicInterest ? "是" : "否",
                        a.Registered.ToString(), a.CheckedIn.ToString()]);
            case "evaluations":
                return await Rows(db.Evaluations.Where(e => e.CreatedAt >= from && e.CreatedAt < until && (city || e.RegionCode == region))
                        .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
                        .Join(db.ServiceRequests, e => e.RequestId, r => r.Id, (e, r) => new { e.CreatedAt, r.Number, r.EnterpriseName, r.InstitutionName, r.ItemTitle, e.Overall, e.Comment, e.RegionCode }),
                    ["评价日期", "申请编号", "企业", "服务机构", "服务项目", "区县", "总体评价", "评语"],
                    e => [Day(e.CreatedAt), e.Number, e.EnterpriseName, e.InstitutionName, e.ItemTitle, RegionCodes.NameOf(e.RegionCode), Levels[Math.Clamp(e.Overall, 1, 5)], e.Comment ?? ""]);
            case "articles":
                return await Rows(db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt <= now && a.PublishAt >= from && a.PublishAt < until && (city || a.RegionCode == region))
                        .OrderBy(a => a.PublishAt).ThenBy(a => a.Id).Select(a => new { a.Title, a.Kind, a.Column, a.RegionCode, At = a.PublishAt!.Value }),
                    ["标题", "类型", "栏目", "区县", "发布日期"],
                    a => [a.Title, ArticleKinds.Label(a.Kind), ArticleColumns.NameOf(a.Column), RegionCodes.NameOf(a.RegionCode), Day(a.At)]);
            case "completed":
                return await Rows(Completed(from, until, city, region).OrderBy(r => r.CompletedAt).ThenBy(r => r.Id)
                        .GroupJoin(db.ServiceItems, r => r.ItemId, i => i.Id, (r, items) => new { r, items })
                        .SelectMany(x => x.items.DefaultIfEmpty(), (x, i) => new { x.r.Number, x.r.EnterpriseName, x.r.InstitutionName, x.r.ItemTitle, x.r.RegionCode, At = x.r.CompletedAt!.Value, Fee = i == null ? FeeType.Market : i.Content.FeeType }),
                    ["申请编号", "企业", "服务机构", "服务项目", "区县", "收费方式", "办结日期"],
                    r => [r.Number, r.EnterpriseName, r.InstitutionName, r.ItemTitle, RegionCodes.NameOf(r.RegionCode), ItemStatuses.Label(r.Fee), Day(r.At)]);
            case "attendance":
                return await Rows(db.ActivityRegistrations.Where(r => r.CheckedInAt >= from && r.CheckedInAt < until)
                        .Join(db.Activities, r => r.ActivityId, a => a.Id, (r, a) => new { r, a })
                        .Where(x => city || (x.r.RegionCode == "" ? x.a.RegionCode : x.r.RegionCode) == region)
                        .OrderBy(x => x.r.CheckedInAt).ThenBy(x => x.r.Id)
                        .Select(x => new { x.a.Title, x.r.EnterpriseName, Region = x.r.RegionCode == "" ? x.a.RegionCode : x.r.RegionCode, x.r.Seats, At = x.r.CheckedInAt!.Value, x.r.IsWalkIn, x.a.IsPublicInterest }),
                    ["活动", "企业", "区县", "人数", "签到时间", "现场报名", "公益活动"],
                    x => [x.Title, x.EnterpriseName, RegionCodes.NameOf(x.Region), Math.Max(1, x.Seats).ToString(), x.At.AddHours(8).ToString("yyyy-MM-dd HH:mm"), x.IsWalkIn ? "是" : "否", x.IsPublicInterest ? "是" : "否"]);
            case "feedback":
                return await Rows(db.ActivityRegistrations.Where(r => r.FeedbackAt >= from && r.FeedbackAt < until && r.Feedback != null)
                        .Join(db.Activities, r => r.ActivityId, a => a.Id, (r, a) => new { r, a })
                        .Where(x => x.a.Status != ActivityStatus.Cancelled && (city || x.a.RegionCode == region))
                        .OrderBy(x => x.r.FeedbackAt).ThenBy(x => x.r.Id)
                        .Select(x => new { At = x.r.FeedbackAt!.Value, x.a.Title, x.a.RegionCode, x.r.EnterpriseName, Level = (int)x.r.Feedback!.Value, x.r.FeedbackComment }),
                    ["评价日期", "活动", "举办区县", "企业", "满意度", "评价内容"],
                    x => [Day(x.At), x.Title, RegionCodes.NameOf(x.RegionCode), x.EnterpriseName, Levels[Math.Clamp(x.Level, 1, 5)], x.FeedbackComment ?? ""]);
            case "needs":
                return await Rows(db.Needs.Where(n => n.OpenedAt >= from && n.OpenedAt < until && (city || n.RegionCode == region))
                        .OrderBy(n => n.OpenedAt).ThenBy(n => n.Id).Select(n => new { n.Title, n.EnterpriseName, n.CategoryCode, n.RegionCode, At = n.OpenedAt!.Value, n.DockedAt, n.Status }),
                    ["需求", "企业", "类别", "区县", "发布日期", "对接日期", "状态"],
                    n => [n.Title, n.EnterpriseName, ServiceCategories.All.FirstOrDefault(c => c.Code == n.CategoryCode)?.Name ?? n.CategoryCode, RegionCodes.NameOf(n.RegionCode),
                        Day(n.At), n.DockedAt is { } d ? Day(d) : "", Needs.Data.NeedLabels.Label(n.Status)]);
            case "loans":
                return await Rows(db.RenewalCases.Where(c => c.SubmittedAt >= from && c.SubmittedAt < until && (city || c.RegionCode == region))
                        .OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id)
                        .Select(c => new { c.Number, c.EnterpriseName, c.CreditCode, c.BankName, c.RegionCode, At = c.SubmittedAt!.Value, c.RequestedAmount, c.ApprovedAmount, c.Status }),
                    ["受理编号", "企业", "统一社会信用代码", "合作银行", "区县", "提交日期", "申请金额（万元）", "批准金额（万元）", "状态"],
                    c => [c.Number, c.EnterpriseName, c.CreditCode, c.BankName, RegionCodes.NameOf(c.RegionCode), Day(c.At), Wan(c.RequestedAmount),
                        c.ApprovedAmount is { } a ? Wan(a) : "", RenewalStatuses.Label(c.Status)]);
            default:
                return await ServedAsync(from, until, city, region, title, page, ct);
        }
    }

    private IQueryable<ServiceRequest> Completed(DateTime from, DateTime until, bool city, string region)
    {
        var states = IndicatorRules.Completed;
        return db.ServiceRequests.Where(r => r.CompletedAt >= from && r.CompletedAt < until && states.Contains(r.Status) && (city || r.RegionCode == region));
    }

    /// <summary>服务企业名单: one row per enterprise served in the period (家), with how many times (家次) and in which ways.</summary>
    private async Task<RecordList> ServedAsync(DateTime from, DateTime until, bool city, string region, string title, int page, CancellationToken ct)
    {
        var services = new List<(Guid Enterprise, string Region, int Kind)>();
        services.AddRange((await Completed(from, until, city, region).Select(r => new { r.EnterpriseId, r.RegionCode }).ToListAsync(ct)).Select(r => (r.EnterpriseId, r.RegionCode, 0)));
        services.AddRange((await db.ActivityRegistrations.Where(r => r.CheckedInAt >= from && r.CheckedInAt < until && r.EnterpriseId != null)
                .Join(db.Activities, r => r.ActivityId, a => a.Id, (r, a) => new { Enterprise = r.EnterpriseId!.Value, Region = r.RegionCode == "" ? a.RegionCode : r.RegionCode })
                .Where(x => city || x.Region == region).ToListAsync(ct)).Select(x => (x.Enterprise, x.Region, 1)));
        services.AddRange((await db.RenewalCases.Where(c => c.DecidedAt >= from && c.DecidedAt < until && c.ApprovedAmount != null && (city || c.RegionCode == region))
            .Select(c => new { c.EnterpriseId, c.RegionCode }).ToListAsync(ct)).Select(c => (c.EnterpriseId, c.RegionCode, 2)));
        services.AddRange((await db.Needs.Where(n => n.DockedAt >= from && n.DockedAt < until && n.OpenedAt != null && (city || n.RegionCode == region))
            .Select(n => new { n.EnterpriseId, n.RegionCode }).ToListAsync(ct)).Select(n => (n.EnterpriseId, n.RegionCode, 3)));
        var ids = services.Select(s => s.Enterprise).Distinct().ToList();
        var names = new Dictionary<Guid, (string Name, string CreditCode, SizeClass Size)>();
        foreach (var chunk in ids.Chunk(1_000))
            foreach (var e in await db.Enterprises.Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.Name, e.CreditCode, e.SizeClass }).ToListAsync(ct))
                names[e.Id] = (e.Name, e.CreditCode, e.SizeClass);
        string[] kinds = ["服务申请", "活动", "续贷", "需求对接"];
        var rows = services.Where(s => names.ContainsKey(s.Enterprise)).GroupBy(s => s.Enterprise)
            .Select(g => (Times: g.Count(), Row: new[]
            {
                names[g.Key].Name, names[g.Key].CreditCode, RegionCodes.NameOf(g.First().Region), SizeClasses.Label(names[g.Key].Size), g.Count().ToString(),
                string.Join("，", g.GroupBy(s => s.Kind).OrderBy(k => k.Key).Select(k => $"{kinds[k.Key]} {k.Count()} 次")),
            }))
            .OrderByDescending(x => x.Times).ThenBy(x => x.Row[1], StringComparer.Ordinal).Select(x => x.Row).ToList();
        var shown = page == 0 ? rows : rows.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        return new RecordList("served", title, ["企业名称", "统一社会信用代码", "区县", "规模", "服务次数（家次）", "服务方式"], shown, rows.Count, Math.Max(1, page), PageSize);
    }

    private static readonly string[] Levels = ["", "非常不满意", "不满意", "一般", "满意", "非常满意"];

    private static string Day(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd");

    private static string Wan(long yuan) => (yuan / 10_000m).ToString("0.##");
}
