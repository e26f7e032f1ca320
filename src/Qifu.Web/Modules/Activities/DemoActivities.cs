using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Activities.Register;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;
using EnterpriseStatus = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.Activities;

/// <summary>
/// Demo activities for Hengyang: held ones with attendance, feedback and a summary; upcoming ones (one full with a
/// waitlist, one needing manual approval, one with registration not yet open); one held today for the check-in page;
/// an institution's proposal waiting for review; a cancelled one. Runs once: does nothing when any activity exists.
/// The approved demo enterprise (13807340001) is registered for today's, an upcoming and a held activity (not yet rated).
/// </summary>
public static class DemoActivities
{
    private sealed record Plan(ActivityType Type, string Title, string Region, double StartsInDays, double Hours, int Capacity, string? Venue, string? Online,
        bool PublicInterest, string Intro, int Registrations = 0, string? Institution = null, char State = 'P', bool Approval = false,
        string? Questions = null, double OpensInDays = -10);

    private static readonly Plan[] Plans =
    [
        new(ActivityType.PolicyBriefing, "2026年中小企业惠企政策解读会", RegionCodes.City, -40, 3, 120, "衡阳市中小企业服务中心三楼报告厅", null, true,
            "市工信局、税务局、人社局政策专员集中解读今年出台的稳岗补贴、技改奖补、增值税留抵退税等惠企政策，现场设咨询台一对一答疑。", 24),
        new(ActivityType.Training, "小微企业财务规范与税务筹划培训", "430405", -25, 4, 60, "珠晖区东风路88号湖南衡信会计师事务所培训室", null, false,
            "面向小微企业负责人和财务人员，讲解账务规范、发票管理、小规模纳税人优惠政策适用和常见税务风险。", 16, Institution: "湖南衡信会计师事务所有限公司"),
        new(ActivityType.BankEnterprise, "“金融活水”银企对接会（珠晖专场）", "430405", -18, 3, 50, "珠晖区政务服务中心二楼会议室", null, true,
            "衡阳农商银行、市融资担保公司现场介绍续贷、信用贷和政府性担保产品，企业可现场登记融资需求。", 14),
        new(ActivityType.Matchmaking, "湘南制造业供需对接会", RegionCodes.City, -12, 5, 80, "衡阳市会展中心B馆", null, false,
            "组织本地整机企业发布配套采购需求，零部件、材料和加工企业现场洽谈，促成本地配套。", 20),
        new(ActivityType.PublicService, "中小企业法律体检公益服务日", "430407", -8, 4, 40, "石鼓区人民路湖南湘南律师事务所", null, true,
            "律师团队免费为企业审查劳动合同、购销合同和公司章程，出具简要法律体检意见。", 12),
        new(ActivityType.LiveStream, "专精特新企业申报线上直播课", RegionCodes.City, -5, 2, 500, null, "https://live.example.cn/qifu/zjtx-2026", true,
            "讲解省级专精特新中小企业认定指标、申报流程和材料准备要点，直播间在线答疑。", 18),
        new(ActivityType.Exhibition, "衡阳县茶叶产品展销对接活动", "430421", -30, 6, 30, "衡阳县西渡镇农产品展销中心", null, false,
            "组织县内茶叶企业和合作社集中展示产品，邀请省内采购商现场对接。", 9),
        new(ActivityType.PolicyBriefing, "中小企业服务月启动仪式暨政策宣讲", RegionCodes.City, 0, 3, 100, "衡阳市中小企业服务中心一楼大厅", null, true,
            "中小企业服务月启动，发布年度服务清单，并集中宣讲首台套、稳岗扩岗等政策。", 10),
        new(ActivityType.Training, "工业企业数字化转型实务培训", RegionCodes.City, 3, 4, 80, "衡阳市工业和信息化局三楼会议室", null, true,
            "结合本地企业案例，讲解生产排程、设备联网和仓储管理的数字化改造路径与补贴申报。", 12),
        new(ActivityType.PolicyBriefing, "研发费用加计扣除政策宣讲", "430405", 5, 2, 6, "珠晖区税务局一楼培训室", null, true,
            "小班讲解研发费用归集口径、辅助账设置和加计扣除申报，名额有限。", 8),
        new(ActivityType.BankEnterprise, "衡南县“稻米产业链”银企对接会", "430422", 9, 3, 40, "衡南县工业园管委会会议室", null, false,
            "围绕稻米加工产业链，组织银行、担保机构与加工企业、种植大户对接，现场受理融资需求。", 5),
        new(ActivityType.PublicService, "创业者公益咨询日", "430472", 12, 4, 30, "衡阳高新区创新创业服务中心", null, true,
            "创业导师、财税和知识产权顾问一对一咨询，报名后由主办方确认时段。", 4, Approval: true),
        new(ActivityType.LiveStream, "跨境电商入门线上直播", "430482", 7, 2, 300, null, "https://live.example.cn/qifu/cross-border", true,
            "介绍主流跨境平台开店流程、物流与收汇合规，适合首次尝试出口的中小企业。", 6, Questions: "贵单位主营产品是什么？\n是否已有外贸经营者备案？"),
        new(ActivityType.Exhibition, "2026衡阳中小企业产品展示周", RegionCodes.City, 20, 8, 200, "衡阳市会展中心A馆", null, false,
            "集中展示本地中小企业的新产品、新技术，设置采购洽谈区和融资服务区。", 10),
        new(ActivityType.Matchmaking, "知识产权质押融资对接会", RegionCodes.City, 15, 3, 60, "衡阳市知识产权运营服务中心", null, false,
            "讲解专利、商标质押融资流程，银行与评估机构现场对接有专利的企业。", 0, OpensInDays: 5),
        new(ActivityType.Training, "企业所得税汇算清缴辅导", "430405", 14, 3, 50, "珠晖区东风路88号湖南衡信会计师事务所培训室", null, true,
            "讲解年度汇算清缴的主要调整事项和常见错误，机构提议、待区县运营审核。", 0, Institution: "湖南衡信会计师事务所有限公司", State: 'R'),
        new(ActivityType.Matchmaking, "南岳区文旅企业座谈会", "430412", 4, 2, 30, "南岳区游客服务中心会议室", null, false,
            "听取文旅企业经营困难和诉求。", 0, State: 'C'),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "谭", "彭", "曾", "廖", "罗", "邓"];
    private static readonly string[] GivenNames = ["建华", "丽娟", "志强", "海燕", "晓东", "春梅", "国平", "小红", "文斌", "静", "勇", "敏", "欣怡", "浩", "婷", "磊"];
    private static readonly string[] Positions = ["总经理", "财务经理", "办公室主任", "生产主管", "销售经理", "会计", "人事专员"];
    private static readonly string[] Comments =
        ["讲解很实在，政策条件和材料一次说清楚了。", "现场答疑很有帮助，希望多办几场。", "时间安排有点紧，案例可以再多一些。", "对接到了合适的银行产品，已经在走流程。", ""];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock)
    {
        if (await db.Activities.AnyAsync()) return;
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.Status == EnterpriseStatus.Approved).OrderBy(e => e.CreatedAt).ThenBy(e => e.Name)
            .Select(e => new { e.Id, e.Name, e.RegionCode }).ToListAsync();
        if (enterprises.Count == 0) return;
        var institutions = (await db.Institutions.AsNoTracking().Where(i => i.Status == EnterpriseStatus.Approved).OrderBy(i => i.CreatedAt)
            .Select(i => new { i.Name, i.Id, i.RegionCode }).ToListAsync()).GroupBy(i => i.Name).ToDictionary(g => g.Key, g => new { g.First().Id, g.First().RegionCode });
        var now = clock.GetUtcNow().UtcDateTime;
        var todayStart = DateTime.SpecifyKind(HengyangCalendar.DayOf(now).ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
        var random = new Random(430400);
        var demo = enterprises[0]; // 衡阳恒远机械制造有限公司, the approved demo enterprise
        var held = new List<Guid>();

        foreach (var (p, index) in Plans.Select((p, i) => (p, i)))
        {
            // Held today: starting an hour from now, so the check-in page has something at any time of day.
            var start = p.StartsInDays == 0 ? now.AddHours(1) : todayStart.AddDays(p.StartsInDays).AddHours(9);
            var created = start.AddDays(-Math.Max(15, -p.OpensInDays + 5));
            var institution = p.Institution is { } name && institutions.TryGetValue(name, out var found) ? found : null;
            var a = new Activity
            {
                Id = Guid.NewGuid(), Type = p.Type, Title = p.Title, Description = $"<p>{p.Intro}</p>", RegionCode = p.Region, StartsAt = start,
                EndsAt = start.AddHours(p.Hours), Venue = p.Venue, OnlineLink = p.Online, Capacity = p.Capacity, Reserved = p.Capacity >= 50 ? 5 : 0,
                RegistrationOpensAt = p.OpensInDays > 0 ? todayStart.AddDays(p.OpensInDays) : created.AddDays(1),
                RegistrationClosesAt = start.AddMinutes(-30), RequiresApproval = p.Approval, IsPublicInterest = p.PublicInterest, Questions = p.Questions ?? "",
                InstitutionId = institution?.Id, CreatedAt = created, UpdatedAt = created,
                OrganiserName = p.Institution ?? (p.Region == RegionCodes.City ? "衡阳市中小企业服务中心" : $"{RegionCodes.NameOf(p.Region)}中小企业服务分站"),
            };
            if (p.State == 'R') a.SubmitForReview(created);
            else a.Publish(created);
            if (p.State == 'C') a.Cancel("场地临时改作防汛指挥使用，活动延期，另行通知。", created.AddDays(3));
            db.Activities.Add(a);
            SearchLog.Changed(db, ActivitySearchSource.KindCode, a.Id, now);

            var isPast = a.EndsAt < now;
            var isFull = p.Title.StartsWith("研发费用");
            var taken = 0;
            var pool = enterprises.Skip(1).OrderBy(_ => random.Next()).Take(p.Registrations).ToList();
            if (p.Registrations > 0 && !isFull && (index == 0 || p.StartsInDays is 0 or 3)) pool.Insert(0, demo);
            var seq = 0;
            foreach (var e in pool)
            {
                var people = Enumerable.Range(0, random.Next(1, 3)).Select(_ => new Attendee
                {
                    Name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)],
                    Phone = "13" + random.Next(5, 10) + random.Next(10_000_000, 99_999_999), Position = Positions[random.Next(Positions.Length)],
                }).ToList();
                var seats = isFull ? 1 : people.Count;
                if (isFull) people = people.Take(1).ToList();
                var status = taken + seats <= a.Available ? (p.Approval && seq % 2 == 1 ? RegistrationStatus.Pending : RegistrationStatus.Registered) : RegistrationStatus.Waitlisted;
                if (status != RegistrationStatus.Waitlisted) taken += seats;
                var r = new ActivityRegistration
                {
                    ActivityId = a.Id, EnterpriseId = e.Id, EnterpriseName = e.Name, RegionCode = e.RegionCode, Status = status,
                    Code = RegistrationCodes.RandomCode(), Seats = seats, Attendees = people, CreatedAt = a.RegistrationOpensAt.AddHours(2 + seq * 3),
                    Answers = p.Questions is null ? "" : "机械零部件\n否",
                };
                if (isPast && status == RegistrationStatus.Registered && (random.Next(10) < 8 || e.Id == demo.Id))
                {
                    r.CheckedInAt = a.StartsAt.AddMinutes(-random.Next(5, 30));
                    r.CheckedInBy = "签到工作人员";
                    if (e.Id != demo.Id && random.Next(10) < 7)
                    {
                        r.Feedback = random.Next(10) switch { < 5 => Satisfaction.VerySatisfied, < 8 => Satisfaction.Satisfied, 8 => Satisfaction.Neutral, _ => Satisfaction.Dissatisfied };
                        r.FeedbackComment = Comments[random.Next(Comments.Length)] is { Length: > 0 } c ? c : null;
                        r.FeedbackAt = a.EndsAt.AddHours(random.Next(1, 48));
                    }
                }
                db.ActivityRegistrations.Add(r);
                seq++;
            }
            if (isFull)
            {
                // Fully booked with two waiting: the demo enterprise can join the waitlist and watch it move.
                foreach (var e in enterprises.Skip(1).Where(x => !pool.Contains(x)).Take(2))
                    db.ActivityRegistrations.Add(new ActivityRegistration
                    {
                        ActivityId = a.Id, EnterpriseId = e.Id, EnterpriseName = e.Name, RegionCode = e.RegionCode, Status = RegistrationStatus.Waitlisted,
                        Code = RegistrationCodes.RandomCode(), Seats = 1, CreatedAt = a.RegistrationOpensAt.AddDays(1).AddMinutes(seq++),
                        Attendees = [new Attendee { Name = "候补联系人", Phone = "1370734" + random.Next(1000, 9999), Position = "办公室主任" }],
                    });
            }
            if (isPast)
            {
                a.Summary = $"本次活动共有 {pool.Count} 家企业报名，实到企业代表按签到记录统计。活动围绕“{p.Title}”展开，现场答疑并收集企业诉求，后续由主办方逐一跟进。";
                a.Finish(now);
                held.Add(a.Id);
            }
            await db.SaveChangesAsync();
            if (taken > 0) await db.Activities.Where(x => x.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, taken));
        }
    }
}
