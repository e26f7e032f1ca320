using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.ServiceRequests.RequestItem;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Consent;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Needs;

/// <summary>
/// Eight demo needs in 珠晖区, 衡阳县 and 雁峰区, in every state: open with proposals to compare (the demo enterprise
/// 13807340001 has two), in review, docked (with its service request), on the follow-up list, rejected, closed, expired.
/// Written through the entities' own methods with past times. Runs once: does nothing when any need exists.
/// </summary>
public static class DemoNeeds
{
    private sealed record Answer(string Institution, string Sub, string Scope, decimal? Price, int Days);

    private sealed record Demo(string Enterprise, string Region, string Category, string Sub, string Title, string Description, decimal? Budget,
        int DaysAgo, int DeadlineIn, char State, Answer[] Answers, string? Reason = null);

    private static readonly Demo[] Needs =
    [
        new("衡阳恒远机械制造有限公司", "430405", "legal", "合同审查", "供货合同审查与欠款催收",
            "与一家外省客户的供货合同对付款期限约定不清，对方拖欠货款约80万元。希望律师审查合同、出具律师函，并评估诉讼或调解的成本和周期。",
            20000, 4, 20, 'O',
            [
                new("湖南湘南律师事务所", "合同审查", "审查现有供货合同及往来函件，三个工作日内出具律师函；评估诉讼与商事调解两种路径的费用和周期，并陪同参加一次协商。", 12000, 15),
                new("湖南雁城人力资源服务有限公司", "法律咨询", "安排合作律师提供合同风险咨询和催款文书模板，协助企业自行催收，如需诉讼另行报价。", null, 10),
            ]),
        new("衡阳恒远机械制造有限公司", "430405", "finance", "财务代理记账", "代理记账和年度汇算清缴",
            "公司年营业收入约6800万元，目前由一名兼职会计做账。希望委托专业机构代理记账，并完成今年的企业所得税汇算清缴。", null, 3, 25, 'O',
            [new("湖南衡信会计师事务所有限公司", "财务代理记账", "每月代理记账及纳税申报，年度汇算清缴及鉴证报告，配备专职会计一名，每季度上门一次。", 18000, 30)]),
        new("衡阳恒远机械制造有限公司", "430405", "digital", "数字化转型诊断", "生产排程与仓库管理数字化诊断",
            "车间排产靠手工表格，仓库账实经常不符。希望先做一次数字化转型诊断，给出分步实施的建议和投入估算。", 50000, 0, 30, 'P', []),
        new("衡阳市珠晖区云帆软件科技有限公司", "430405", "finance", "银行信贷", "300万元设备购置贷款",
            "计划新增一条自动化测试产线，需要300万元设备贷款，期限三年，可以提供设备抵押和知识产权质押。", null, 12, 10, 'D',
            [new("衡阳农村商业银行股份有限公司珠晖支行", "银行信贷", "科技型企业设备贷款，额度300万元，期限三年，年利率按LPR加点执行，设备抵押加知识产权质押，材料齐全后七个工作日放款。", null, 7)]),
        new("衡阳县金禾农业开发有限公司", "430421", "market", "电子商务", "农产品网店开设与运营",
            "公司种植的富硒大米和茶油想在电商平台开店销售，缺少开店、拍摄和运营经验，希望有机构提供开店代运营和员工培训。", 30000, 8, 20, 'F', []),
        new("衡阳县九峰山生态养殖专业合作社", "430421", "training", "专业技能培训", "养殖技术员培训",
            "合作社有15名养殖户，希望安排生猪疫病防控和养殖场管理的技能培训。联系人身份证号430421199001011234。", 8000, 5, 20, 'R', [],
            "需求描述中含有个人身份证号，请删除个人信息后重新发布。"),
        new("衡阳市雁峰区好味来餐饮管理有限公司", "430406", "consulting", "人力资源", "门店店长绩效方案设计",
            "公司有6家门店，想给店长设计与营业额和顾客评价挂钩的绩效方案。", 15000, 20, 10, 'C',
            [new("湖南雁城人力资源服务有限公司", "人力资源", "调研6家门店近一年经营数据，设计店长绩效考核与激励方案，辅导实施三个月。", 16000, 45)],
            "已与本地一家咨询公司签约，不再需要。"),
        new("衡阳县金禾农业开发有限公司", "430421", "innovation", "知识产权", "大米品牌商标注册",
            "为自有大米品牌申请商标注册，需要商标检索和申请代理。", 3000, 40, -5, 'E', []),
    ];

    /// <summary>Returns the number of needs created.</summary>
    public static async Task<int> SeedAsync(AppDbContext db, TimeProvider clock)
    {
        if (await db.Needs.AnyAsync()) return 0;
        // Names repeat once scale data is in the database: the first approved one of each name is the demo's.
        var names = Needs.Select(d => d.Enterprise).Distinct().ToList();
        var enterprises = (await db.Enterprises.Where(e => e.Status == RegistrationStatus.Approved && names.Contains(e.Name)).OrderBy(e => e.CreatedAt).ToListAsync())
            .GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.First());
        var institutions = (await db.Institutions.AsNoTracking().Where(i => i.Status == RegistrationStatus.Approved).OrderBy(i => i.CreatedAt).ToListAsync())
            .GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.First());
        var items = await db.ServiceItems.Where(i => i.Status == ItemStatus.Published).ToListAsync();
        var users = await db.Users.AsNoTracking().Where(u => u.EnterpriseId != null).Select(u => new { u.EnterpriseId, u.Id }).ToListAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = HengyangCalendar.Today(clock);
        var calendar = new WorkingCalendar(db, clock);
        var acceptDays = await new SiteSettings(db).GetIntAsync(Settings.AcceptWorkingDays);
        var count = 0;
        foreach (var d in Needs)
        {
            if (!enterprises.TryGetValue(d.Enterprise, out var enterprise)) continue;
            var created = now.AddDays(-d.DaysAgo).AddHours(-3);
            var need = new Need
            {
                Id = Guid.NewGuid(), EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name, RegionCode = d.Region, CategoryCode = d.Category,
                SubCategory = d.Sub, Title = d.Title, Description = d.Description, Budget = d.Budget, Deadline = today.AddDays(d.DeadlineIn), CreatedAt = created,
            };
            db.Needs.Add(need);
            count++;
            if (d.State == 'P') continue;
            if (d.State == 'R')
            {
                need.Reject(d.Reason, created.AddHours(5));
                continue;
            }
            if (d.State == 'E')
            {
                need.Approve(created.AddHours(4));
                need.Expire(today, now.AddDays(d.DeadlineIn + 1));
                continue;
            }
            need.Approve(created.AddHours(4));
            if (d.State == 'F')
            {
                need.MarkForFollowUp(created.AddDays(5));
                continue;
            }
            var at = created.AddHours(20);
            var proposals = new List<(Proposal Proposal, ServiceItem Item)>();
            foreach (var a in d.Answers)
            {
                if (!institutions.TryGetValue(a.Institution, out var institution)) continue;
                var item = items.FirstOrDefault(i => i.InstitutionId == institution.Id && i.Content.SubCategory == a.Sub)
                    ?? items.FirstOrDefault(i => i.InstitutionId == institution.Id);
                if (item is null) continue;
                var p = new Proposal
                {
                    Id = Guid.NewGuid(), NeedId = need.Id, InstitutionId = institution.Id, InstitutionName = institution.Name, ItemId = item.Id,
                    ItemTitle = item.Content.Title, Scope = a.Scope, Price = a.Price, DaysNeeded = a.Days, CreatedAt = at, UpdatedAt = at,
                };
                db.NeedProposals.Add(p);
                need.RecordProposal(at);
                proposals.Add((p, item));
                at = at.AddHours(7);
            }
            if (d.State == 'C')
            {
                need.Close(d.Reason, at.AddDays(2));
                foreach (var (p, _) in proposals) p.Status = ProposalStatus.NotPicked;
            }
            else if (d.State == 'D' && proposals.Count > 0)
            {
                var (picked, item) = proposals[0];
                var pickedAt = at.AddDays(1);
                need.Dock(picked.Id, pickedAt);
                picked.Status = ProposalStatus.Picked;
                var institution = institutions[picked.InstitutionName];
                var consent = new DataSharingConsent
                {
                    Id = Guid.NewGuid(), EnterpriseId = enterprise.Id, UserId = users.FirstOrDefault(u => u.EnterpriseId == enterprise.Id)?.Id ?? Guid.Empty,
                    RecipientKind = "institution", RecipientId = institution.Id, RecipientName = institution.Name,
                    Purpose = SubmitRequestHandler.PurposeOf(institution.Name, item.Content.Title), Fields = SubmitRequestHandler.SharedFields, GivenAt = pickedAt,
                };
                var day = HengyangCalendar.DayOf(pickedAt);
                var request = new ServiceRequest
                {
                    Id = Guid.NewGuid(), Number = "FW" + day.ToString("yyMMdd") + "XQ" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant().Replace('0', 'Z').Replace('1', 'Y'),
                    ItemId = item.Id, ItemVersion = Math.Max(1, item.PublishedVersion), ItemTitle = item.Content.Title, InstitutionId = institution.Id,
                    InstitutionName = institution.Name, EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name, RegionCode = enterprise.RegionCode,
                    Need = $"【需求对接】{need.Title}\n{need.Description}\n选定方案：{picked.Scope}", ContactName = enterprise.ContactName,
                    ContactPhone = enterprise.ContactPhone, ConsentId = consent.Id, SubmittedAt = pickedAt,
                    AcceptDueOn = await calendar.AddWorkingDaysAsync(day, acceptDays),
                };
                db.DataSharingConsents.Add(consent);
                db.ServiceRequests.Add(request);
                db.RequestEvents.Add(new RequestEvent
                {
                    Id = Guid.NewGuid(), RequestId = request.Id, At = pickedAt, Action = "submit", Party = Party.Enterprise, ActorName = enterprise.ContactName,
                    Comment = "由企业需求选定方案生成",
                });
                item.RequestCount++;
                need.ServiceRequestId = request.Id;
            }
        }
        await db.SaveChangesAsync();
        return count;
    }
}
