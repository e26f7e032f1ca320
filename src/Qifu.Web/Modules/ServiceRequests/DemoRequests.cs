using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.ServiceRequests.RequestItem;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Consent;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>
/// Demo requests over the published demo items: every state, with timelines, files left out, evaluations good and bad
/// (bad ones with a call-back task, one done), a hidden comment, a pending and an upheld appeal, overdue ones. Written
/// through the entities' own state machine with past times, so the data obeys the same rules as real use. The item
/// counters are kept. Runs once: does nothing when any request exists or no item is published.
/// </summary>
public static class DemoRequests
{
    private sealed record Scenario(string Code, int DaysAgo);

    // The approved demo enterprise 13807340001 (衡阳恒远机械制造有限公司) gets the first round, so its account shows every state.
    private static readonly Scenario[] Scenarios =
    [
        // Days ago the request was submitted; chosen so that each still is in its state today (windows not yet passed).
        new("submitted", 0), new("submitted-overdue", 6), new("accepted", 2), new("in-service", 3), new("in-service-overdue", 30),
        new("completed", 6), new("awaiting-evaluation", 10), new("evaluated-good", 30), new("evaluated-pending", 16),
        new("evaluated-bad", 18), new("evaluated-bad-done", 45), new("evaluated-bad-appealed", 40), new("evaluated-upheld", 60),
        new("evaluated-hidden", 35), new("closed-unrated", 70), new("declined", 8), new("withdrawn", 5), new("reopened", 7),
    ];

    private static readonly Dictionary<string, string[]> Needs = new()
    {
        ["finance"] = ["公司一笔500万元流动资金贷款下月到期，希望了解续贷和过桥资金的办理条件及所需材料。", "希望委托代理记账并梳理近两年的增值税申报，年营业收入约1500万元。", "计划新增一条生产线，需要300万元设备贷款，想了解政府性融资担保的费率和审批时间。"],
        ["legal"] = ["与一家外省客户的供货合同约定不清，对方拖欠货款约80万元，希望律师审查合同并出具催款意见。", "公司有120名员工，希望做一次劳动用工法律体检，重点是加班和社保缴纳。"],
        ["consulting"] = ["希望导入ISO9001质量管理体系，目前没有专职质量管理人员。", "计划调整薪酬绩效方案，希望有顾问协助设计岗位职级。"],
        ["training"] = ["车间有30名新员工需要安全生产和设备操作培训，希望在本月下旬安排两天。", "希望为中层管理人员安排一次精益生产培训。"],
        ["innovation"] = ["我们有一项焊接夹具的改进，想申请实用新型专利，需要检索和撰写服务。", "产品需要做第三方检测报告用于投标，希望了解检测周期和费用。"],
        ["market"] = ["想参加今年的湘南产品展销会，需要展位对接和宣传物料设计。", "计划开设线上店铺，希望有人协助开店和运营培训。"],
        ["digital"] = ["希望做一次数字化转型诊断，重点是生产排程和仓库管理。", "现有财务和进销存系统各自独立，想了解上云和系统集成方案。"],
        ["policy"] = ["想申报省级专精特新中小企业，希望有人辅导准备申报材料。", "不清楚今年有哪些技改补贴政策适用于我们，希望做一次政策匹配。"],
    };

    private static readonly string[] GoodComments =
        ["老师很专业，当天就回电话，材料清单一次讲清楚，少跑了好几趟。", "办理速度比预期快，续贷按时到位，解了燃眉之急。", "服务态度很好，后续还主动回访了一次。"];
    private static readonly string[] BadComments =
        ["受理以后一周都没有人联系，打电话也说在排队，最后给的方案跟我们的情况不符。", "收费说明不清楚，办到一半要求另外加钱。"];

    /// <summary>Returns the number of requests created.</summary>
    public static async Task<int> SeedAsync(AppDbContext db, TimeProvider clock)
    {
        if (await db.ServiceRequests.AnyAsync()) return 0;
        var items = await db.ServiceItems.Where(i => i.Status == ItemStatus.Published)
            .Join(db.Institutions.Where(i => i.Status == RegistrationStatus.Approved), i => i.InstitutionId, inst => inst.Id, (i, inst) => i)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Take(300).ToListAsync();
        if (items.Count == 0) return 0;
        var institutions = await db.Institutions.AsNoTracking().Where(i => i.Status == RegistrationStatus.Approved).ToDictionaryAsync(i => i.Id);
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.Status == RegistrationStatus.Approved)
            .OrderByDescending(e => db.Users.Any(u => u.EnterpriseId == e.Id)).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync();
        if (enterprises.Count == 0) return 0;
        var users = (await db.Users.AsNoTracking().Where(u => u.EnterpriseId != null).OrderBy(u => u.CreatedAt)
                .Select(u => new { EnterpriseId = u.EnterpriseId!.Value, u.Id }).ToListAsync())
            .GroupBy(u => u.EnterpriseId).ToDictionary(g => g.Key, g => g.First().Id);

        var calendar = new WorkingCalendar(db, clock);
        var settings = new SiteSettings(db);
        var acceptDays = await settings.GetIntAsync(Settings.AcceptWorkingDays);
        var reopenDays = await settings.GetIntAsync(Settings.ReopenWindowDays);
        var evaluateDays = await settings.GetIntAsync(Settings.EvaluationWindowDays);
        var followUpDays = await settings.GetIntAsync(Settings.FollowUpWorkingDays);
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(2026);
        var count = 0;
        var rounds = Math.Clamp(items.Count / Scenarios.Length, 1, 3);
        for (var round = 0; round < rounds; round++)
        {
            for (var s = 0; s < Scenarios.Length; s++)
            {
                var item = items[(round * Scenarios.Length + s) % items.Count];
                var enterprise = enterprises[round == 0 ? 0 : random.Next(enterprises.Count)];
                var institution = institutions[item.InstitutionId];
                var scenario = Scenarios[s];
                var at = now.AddDays(-scenario.DaysAgo - round).AddHours(-random.Next(1, 6));
                await CreateAsync(db, calendar, item, institution, enterprise, users.GetValueOrDefault(enterprise.Id), scenario.Code, at, now, random,
                    (acceptDays, reopenDays, evaluateDays, followUpDays));
                count++;
            }
        }
        await db.SaveChangesAsync();
        return count;
    }

    private static async Task CreateAsync(AppDbContext db, WorkingCalendar calendar, ServiceItem item, Institution institution, Enterprise enterprise,
        Guid userId, string code, DateTime at, DateTime now, Random random, (int Accept, int Reopen, int Evaluate, int FollowUp) days)
    {
        var ent = new Actor(Party.Enterprise, null, enterprise.ContactName);
        var inst = new Actor(Party.Institution, null, institution.ContactName);
        var day = Platform.Regions.HengyangCalendar.DayOf(at);
        var needs = Needs.GetValueOrDefault(item.Content.CategoryCode) ?? Needs["consulting"];
        var consent = new DataSharingConsent
        {
            Id = Guid.NewGuid(), EnterpriseId = enterprise.Id, UserId = userId, RecipientKind = "institution", RecipientId = institution.Id,
            RecipientName = institution.Name, Purpose = SubmitRequestHandler.PurposeOf(institution.Name, item.Content.Title),
            Fields = SubmitRequestHandler.SharedFields, GivenAt = at,
        };
        var r = new ServiceRequest
        {
            Id = Guid.NewGuid(), Number = "FW" + day.ToString("yyMMdd") + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant().Replace('0', 'Z').Replace('1', 'Y'),
            ItemId = item.Id, ItemVersion = Math.Max(1, item.PublishedVersion), ItemTitle = item.Content.Title, InstitutionId = institution.Id,
            InstitutionName = institution.Name, EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name, RegionCode = enterprise.RegionCode,
            Need = needs[random.Next(needs.Length)], ContactName = enterprise.ContactName, ContactPhone = enterprise.ContactPhone, ConsentId = consent.Id,
            SubmittedAt = at, AcceptDueOn = await calendar.AddWorkingDaysAsync(day, days.Accept),
        };
        db.DataSharingConsents.Add(consent);
        db.ServiceRequests.Add(r);
        var events = new List<RequestEvent>
        {
            new() { Id = Guid.NewGuid(), RequestId = r.Id, At = at, Action = "submit", Party = Party.Enterprise, ActorName = ent.Name },
        };
        item.RequestCount++;
        var t = at;
        DateTime Next(double hours) => t = t.AddHours(hours);
        async Task<DateOnly> Due(int workingDays) =>
            await calendar.AddWorkingDaysAsync(Platform.Regions.HengyangCalendar.DayOf(t), Math.Max(1, workingDays));

        switch (code)
        {
            case "submitted":
                break;
            case "submitted-overdue":
                Overdue(r, events, r.AcceptDueOn, "受理", now);
                break;
            case "declined":
                events.Add(r.Decline("本机构目前只承接珠晖区、雁峰区的上门服务，贵企业所在区县暂不能安排，建议申请就近的服务机构。", inst, Next(20)));
                break;
            case "withdrawn":
                events.Add(r.Withdraw("已通过其他渠道解决，撤回申请。", ent, Next(5)));
                break;
            default:
                events.Add(r.Accept(await Due(item.Content.LeadTimeDays), "已安排专人对接，将先电话了解情况。", inst, Next(22)));
                if (code == "accepted") break;
                events.Add(r.Progress("已与企业财务负责人电话沟通，收到营业执照、近一年财务报表等材料，正在核对。", "材料审核中", inst, Next(26)));
                if (code == "in-service") break;
                if (code == "in-service-overdue")
                {
                    Overdue(r, events, r.CompleteDueOn!.Value, "办结", now);
                    break;
                }
                events.Add(r.Progress("已完成方案初稿，约企业下周二上门讲解。", "等待企业确认方案", inst, Next(30)));
                events.Add(r.Complete("已向企业交付服务报告并当面讲解，企业已签收。", days.Reopen, inst, Next(24)));
                if (code == "completed") break;
                if (code == "reopened")
                {
                    events.Add(r.Reopen("方案中的还款计划与我们的回款周期不一致，需要调整。", await Due(item.Content.LeadTimeDays), ent, Next(20)));
                    break;
                }
                events.Add(r.Confirm(days.Evaluate, ent, Next(18)));
                item.CompletedCount++;
                if (code == "awaiting-evaluation") break;
                if (code == "closed-unrated")
                {
                    events.Add(r.CloseUnrated(r.EvaluateUntil!.Value.AddMinutes(5)));
                    break;
                }
                events.Add(r.Evaluated(ent, Next(6)));
                await EvaluateAsync(db, calendar, item, r, code, t, now, random, days.FollowUp);
                break;
        }
        db.RequestEvents.AddRange(events);
        SearchLog.Changed(db, "item", item.Id, now);
    }

    private static void Overdue(ServiceRequest r, List<RequestEvent> events, DateOnly due, string step, DateTime now)
    {
        var at = due.AddDays(1).ToDateTime(new TimeOnly(0, 5)).AddHours(-8);
        if (at > now || !r.MarkOverdue(at)) return;
        events.Add(new RequestEvent
        {
            Id = Guid.NewGuid(), RequestId = r.Id, At = at, Action = "overdue", FromStatus = r.Status, ToStatus = r.Status, Party = Party.System,
            ActorName = Actor.System.Name, Comment = $"{step}期限 {due:yyyy-MM-dd} 已过，已提醒服务机构并报属地区县运营人员督办",
        });
    }

    private static async Task EvaluateAsync(AppDbContext db, WorkingCalendar calendar, ServiceItem item, ServiceRequest r, string code, DateTime at,
        DateTime now, Random random, int followUpDays)
    {
        var bad = code.StartsWith("evaluated-bad") || code == "evaluated-upheld";
        var overall = bad ? (code == "evaluated-bad-done" ? 2 : 1) : code == "evaluated-pending" ? 4 : 5;
        var comment = bad ? BadComments[random.Next(BadComments.Length)]
            : code == "evaluated-hidden" ? "这家机构的联系人电话 138xxxx 天天打骚扰电话，大家不要找他们！！！"
            : GoodComments[random.Next(GoodComments.Length)];
        var e = new Evaluation
        {
            Id = Guid.NewGuid(), RequestId = r.Id, ItemId = r.ItemId, InstitutionId = r.InstitutionId, EnterpriseId = r.EnterpriseId,
            RegionCode = r.RegionCode, Overall = overall, Timeliness = bad ? 1 : Math.Max(3, overall - random.Next(0, 2)),
            Professionalism = bad ? 2 : overall, Attitude = bad ? 2 : 5, Comment = comment, CreatedAt = at,
        };
        var later = at.AddHours(20);
        switch (code)
        {
            case "evaluated-pending":
                break;
            case "evaluated-hidden":
                e.Moderate(false, "评价内容含有对他人的人身攻击和未经核实的电话信息，不予公开。", later);
                break;
            default:
                e.Moderate(true, null, later);
                break;
        }
        if (code == "evaluated-good") e.PostReply("感谢贵企业的认可，后续续贷到期前我们会提前一个月提醒。", later.AddHours(3));
        if (code is "evaluated-bad-appealed" or "evaluated-upheld")
        {
            e.PostReply("我们已于受理次日与企业财务联系，通话记录可查；收费标准在服务项目页面已公示。", later.AddHours(2));
            e.FileAppeal("企业所述“一周无人联系”与通话记录不符，且额外收费系企业新增的评估事项，已事先书面告知。", later.AddHours(3));
        }
        if (code == "evaluated-upheld")
            e.DecideAppeal(true, "经核实通话记录和书面告知材料，评价所述与事实不符，申诉成立，该评价不计入评分。", later.AddDays(2));
        db.Evaluations.Add(e);
        if (e.Counts)
        {
            item.EvaluationCount++;
            item.EvaluationTotal += overall;
        }
        if (!e.IsBad) return;
        var followUp = new FollowUp
        {
            Id = Guid.NewGuid(), EvaluationId = e.Id, RequestId = r.Id, RegionCode = r.RegionCode, CreatedAt = at,
            DueOn = await calendar.AddWorkingDaysAsync(Platform.Regions.HengyangCalendar.DayOf(at), followUpDays),
        };
        if (code == "evaluated-bad-done")
            followUp.RecordCallback(at.AddDays(3), "已电话回访企业财务负责人，机构已重新安排顾问上门，企业表示问题基本解决。", "部分解决，机构继续跟进",
                "陈立", now);
        db.FollowUps.Add(followUp);
    }
}
