using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Consent;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Platform.Demo;

/// <summary>
/// `seed --scale N`: fills the database with invented Hengyang-like data at N times the reference city (issue 6): 1,237
/// institutions, 5,077 published service items, 26,189 enterprises, 1,044 activities held, 9,727 evaluated service requests and
/// 34,128 articles at scale 1, every table linear in N (N may be a fraction, e.g. 0.01 for a quick look). Rows go in with EF Core in
/// batches (no change detection, the tracker cleared per batch); the search index is rebuilt at the end. Prints rows per second.
/// Run it with the web node stopped. Text is composed from phrase lists written by the Qifu team; every name is invented.
/// </summary>
public sealed class ScaleData(AppDbContext db, TimeProvider clock, Action<string> say)
{
    public const string Command = "seed";
    public const int Institutions = 1_237, Items = 5_077, Enterprises = 26_189, Activities = 1_044, EvaluatedRequests = 9_727, Articles = 34_128;
    private const int Batch = 2_000;

    private static readonly (string Code, int Weight)[] RegionWeights =
    [
        ("430405", 9), ("430406", 8), ("430407", 7), ("430408", 9), ("430412", 2), ("430421", 8), ("430422", 8), ("430423", 5),
        ("430424", 6), ("430426", 6), ("430481", 10), ("430482", 7), ("430472", 6), ("430473", 4),
    ];
    private static readonly string[] Brands = ["恒远", "湘南", "云帆", "鑫源", "好味来", "书香", "智联", "衡岳", "金禾", "宏达", "云集", "南岳", "恒通", "兴旺", "金石",
        "瑶山", "启明", "安居", "蔡伦", "雁城", "船山", "石鼓", "蒸水", "耒水", "舂陵", "祝融", "回雁", "岣嵝", "来雁", "湘江", "华新", "振兴", "永盛", "和泰", "嘉禾",
        "丰源", "博雅", "凯达", "益民", "盛世", "宏泰", "长青", "新天", "立信", "中南", "远航", "双峰", "德润", "正大", "明珠"];
    private static readonly (string Division, string Trade)[] Trades =
    [
        ("34", "机械制造"), ("13", "米业"), ("14", "食品"), ("15", "茶业"), ("20", "竹木制品"), ("26", "化工新材料"), ("30", "建材"), ("32", "有色金属"),
        ("36", "汽车零部件"), ("39", "电子科技"), ("51", "商贸"), ("52", "超市"), ("54", "物流"), ("62", "餐饮管理"), ("64", "信息技术"), ("65", "软件科技"),
        ("72", "企业管理咨询"), ("74", "检测技术"), ("83", "职业技能培训"), ("01", "农业开发"),
    ];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "谭", "曾", "彭", "邓", "蒋"];
    private static readonly string[] GivenNames = ["建国", "秀英", "志强", "丽华", "海燕", "文军", "小红", "国平", "春生", "晓东", "立新", "雪梅", "永红", "德明", "静", "敏", "磊", "洁", "勇", "芳"];
    private static readonly string[] InstitutionTypes = ["会计师事务所有限公司", "律师事务所", "企业管理咨询有限公司", "人力资源服务有限公司", "知识产权代理有限公司",
        "检验检测有限公司", "数字科技有限公司", "融资担保有限公司", "职业技能培训学校", "财税代理有限公司", "商务咨询有限公司", "信息技术服务有限公司"];
    private static readonly string[] ArticleTopics = ["专精特新中小企业培育", "无还本续贷", "研发费用加计扣除", "小微企业普惠金融", "数字化转型", "稳岗就业补贴",
        "知识产权质押融资", "政府采购支持中小企业", "防范和化解拖欠中小企业账款", "技术改造补贴", "企业上云用云", "首贷续贷", "外贸企业出海", "人才引进补贴", "减税降费"];
    private static readonly string[] ArticleEvents = ["工作推进会召开", "政策宣讲走进园区", "服务月活动启动", "申报工作的通知", "实施细则解读", "典型经验做法", "专题培训班举办",
        "银企对接会签约", "企业座谈会召开", "服务成效显著", "工作情况通报", "申报指南发布"];
    private static readonly string[] Sentences =
    [
        "为深入贯彻落实促进中小企业发展的各项决策部署，进一步优化营商环境，激发市场主体活力。",
        "会议要求各县市区服务分站主动上门走访企业，摸清企业在融资、用工、技术等方面的实际困难。",
        "市中小企业服务中心联合合作银行、担保机构现场为企业解读政策、答疑解惑，并受理融资需求。",
        "符合条件的企业可通过平台在线提交申请材料，服务机构将在规定的工作日内受理并反馈办理意见。",
        "下一步，将持续完善服务体系，推动更多优质服务资源向县域和园区延伸，提升企业获得感。",
        "据统计，本年度已累计为全市中小企业提供各类服务一万余次，企业满意率保持在较高水平。",
        "申报单位须在衡阳市行政区域内依法登记注册，具有独立法人资格，生产经营正常，信用记录良好。",
        "对首次获得认定的企业，按照有关规定给予一次性奖励，所需资金从专项资金中列支。",
        "各有关单位要高度重视，认真组织企业申报，严格审核申报材料，确保申报工作按时保质完成。",
        "活动现场，多家企业负责人表示，政策讲得清楚、办事流程明白，希望今后多组织类似活动。",
        "该企业通过平台对接到专业服务机构，仅用两周时间便完成了体系认证，产品顺利进入新市场。",
        "解读指出，政策重点支持制造业中小企业开展设备更新和数字化改造，鼓励企业加大研发投入。",
    ];
    private static readonly string[] Needs = ["希望了解续贷办理条件和所需材料。", "需要代理记账并梳理增值税申报。", "希望律师审查供货合同并出具意见。", "计划导入质量管理体系，需要辅导。",
        "新员工需要安全生产培训。", "想申请实用新型专利，需要检索和撰写。", "希望做一次数字化转型诊断。", "想申报专精特新中小企业，需要辅导材料。"];
    private static readonly string[] Comments = ["服务专业，响应及时。", "办理速度比预期快。", "态度很好，还主动回访。", "材料一次讲清楚，少跑了路。", "整体满意，收费可以再透明一些。", ""];

    private readonly Random _random = new(20261127);
    private readonly List<(string Table, int Rows, double Seconds)> _report = [];
    private int _codeCounter;

    public IReadOnlyList<(string Table, int Rows, double Seconds)> Report => _report;

    public static int Scaled(int reference, double scale) => Math.Max(1, (int)Math.Round(reference * scale));

    public async Task RunAsync(double scale)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // One connection for the whole run; on SQLite, no fsync per batch (a crash mid-seed means seeding again anyway).
        await db.Database.OpenConnectionAsync();
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF");
        var institutions = await TimedAsync("Institutions 服务机构", () => AddInstitutionsAsync(Scaled(Institutions, scale), now));
        var items = await TimedAsync("ServiceItems 服务项目", () => AddItemsAsync(institutions, Scaled(Items, scale), now));
        var enterprises = await TimedAsync("Enterprises 企业", () => AddEnterprisesAsync(Scaled(Enterprises, scale), now));
        await TimedAsync("ServiceRequests + Evaluations 服务过程及评价", () => AddRequestsAsync(items, institutions, enterprises, Scaled(EvaluatedRequests, scale), now));
        await TimedAsync("Articles 新闻信息", () => AddArticlesAsync(Scaled(Articles, scale), now));
        await TimedAsync("Activities 活动", () => AddActivitiesAsync(Scaled(Activities, scale), now));
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL");
        await db.Database.CloseConnectionAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    private async Task<T> TimedAsync<T>(string table, Func<Task<(T Result, int Rows)>> work)
    {
        var watch = Stopwatch.StartNew();
        var (result, rows) = await work();
        _report.Add((table, rows, watch.Elapsed.TotalSeconds));
        say($"{table}: {rows:N0} 行，{watch.Elapsed.TotalSeconds:0.0} 秒，{rows / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} 行/秒");
        return result;
    }

    private async Task TimedAsync(string table, Func<Task<int>> work) => await TimedAsync(table, async () => (0, await work()));

    /// <summary>Adds the rows in batches and forgets them, so memory stays flat at any scale.</summary>
    private async Task SaveAsync<T>(List<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        db.AddRange(rows);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        rows.Clear();
    }

    private string Region()
    {
        var total = RegionWeights.Sum(r => r.Weight);
        var pick = _random.Next(total);
        foreach (var (code, weight) in RegionWeights)
            if ((pick -= weight) < 0) return code;
        return RegionWeights[0].Code;
    }

    private T Pick<T>(IReadOnlyList<T> list) => list[_random.Next(list.Count)];
    private string Person() => Pick(Surnames) + Pick(GivenNames);
    private string Phone() => "13" + _random.Next(5, 10).ToString(CultureInfo.InvariantCulture) + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>A valid unified social credit code, unique within the run (the organisation code counts up in base 31).</summary>
    private string CreditCodeFor(string prefix, string region)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var n = ++_codeCounter;
        var digits = new char[5];
        for (var i = 4; i >= 0; i--) { digits[i] = alphabet[n % 31]; n /= 31; }
        var body = "MA7" + new string(digits);
        var first17 = prefix + (region is "430472" or "430473" ? RegionCodes.City : region) + body + CreditCode.ComputeOrgCodeCheckCharacter(body);
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    private async Task<(List<Institution>, int)> AddInstitutionsAsync(int count, DateTime now)
    {
        var all = new List<Institution>(count);
        var batch = new List<Institution>();
        var categories = ServiceCategories.All.Select(c => c.Code).ToArray();
        for (var i = 0; i < count; i++)
        {
            var region = Region();
            var bank = i % 50 == 7;
            var type = Pick(InstitutionTypes);
            var created = now.AddDays(-_random.Next(30, 2_000));
            var own = categories.OrderBy(_ => _random.Next()).Take(1 + _random.Next(3)).ToArray();
            var institution = new Institution
            {
                Id = Guid.NewGuid(), CreditCode = CreditCodeFor(bank ? "91" : i % 7 == 0 ? "52" : "91", region),
                Name = bank ? $"衡阳{Pick(Brands)}银行股份有限公司{RegionCodes.NameOf(region)}支行" : $"{RegionCodes.NameOf(region)}{Pick(Brands)}{type}", Kind = bank ? InstitutionKind.Bank : InstitutionKind.General,
                RegionCode = region, Categories = string.Join(',', bank ? ["finance"] : own),
                ServiceRegions = _random.Next(3) == 0 ? RegionCodes.City : string.Join(',', new[] { region, Region() }.Distinct()),
                StaffCount = 3 + _random.Next(120), FeePolicy = "对小微企业收费优惠", Introduction = "面向中小企业提供专业服务，服务网点覆盖所在区县。",
                ContactName = Person(), ContactPhone = Phone(), CreatedAt = created,
            };
            institution.Submit(created);
            institution.Approve(created.AddDays(2));
            all.Add(institution);
            batch.Add(institution);
            if (batch.Count == Batch) await SaveAsync(batch);
        }
        await SaveAsync(batch);
        return (all, count);
    }

    private async Task<(List<ServiceItem>, int)> AddItemsAsync(List<Institution> institutions, int count, DateTime now)
    {
        var all = new List<ServiceItem>(count);
        var batch = new List<ServiceItem>();
        for (var i = 0; i < count; i++)
        {
            var institution = institutions[i % institutions.Count];
            var category = Pick(institution.CategoryCodes.ToList());
            var sub = Pick(ServiceCategories.SubCategories[category]);
            var fee = (FeeType)_random.Next(4);
            var created = (institution.ApprovedAt ?? now).AddDays(_random.Next(1, 60));
            if (created > now) created = now.AddHours(-1);
            var title = $"{sub}{Pick(["服务", "专项服务", "一站式服务", "上门服务", "线上辅导"])}（{RegionCodes.NameOf(institution.RegionCode)}）";
            var item = new ServiceItem
            {
                Id = Guid.NewGuid(), InstitutionId = institution.Id, RegionCode = institution.RegionCode, CreatedAt = created, UpdatedAt = created,
                Content = new ItemContent
                {
                    Title = title, CategoryCode = category, SubCategory = sub,
                    Description = $"<p>{institution.Name}为中小企业提供{sub}服务。{Pick(Sentences)}</p><p>{Pick(Sentences)}</p>",
                    Deliverables = "服务报告及相关材料", FeeType = fee,
                    Price = fee is FeeType.Free or FeeType.PublicInterest || _random.Next(4) == 0 ? null : 500 + _random.Next(200) * 100,
                    Mode = (ServiceMode)_random.Next(3), ServiceRegions = institution.ServiceRegions, LeadTimeDays = 3 + _random.Next(20),
                    ContactName = institution.ContactName, ContactPhone = institution.ContactPhone,
                },
            };
            item.Submit(created);
            item.Approve(created.AddDays(1));
            all.Add(item);
            batch.Add(item);
            if (batch.Count == Batch) await SaveAsync(batch);
        }
        await SaveAsync(batch);
        return (all, count);
    }

    private async Task<(List<Enterprise>, int)> AddEnterprisesAsync(int count, DateTime now)
    {
        var all = new List<Enterprise>(count);
        var batch = new List<Enterprise>();
        for (var i = 0; i < count; i++)
        {
            var region = Region();
            var (division, trade) = Pick(Trades);
            var employees = _random.Next(10) switch { < 6 => 2 + _random.Next(20), < 9 => 20 + _random.Next(200), _ => 200 + _random.Next(800) };
            var revenue = Math.Round((decimal)(employees * (20 + _random.Next(120))), 0);
            var assets = Math.Round(revenue * (decimal)(0.5 + _random.NextDouble()), 0);
            var size = SizeClassifier.Classify(division, null, employees, revenue, assets);
            var created = now.AddDays(-_random.Next(1, 2_200));
            var person = Person();
            var e = new Enterprise
            {
                Id = Guid.NewGuid(), CreditCode = CreditCodeFor("91", region),
                Name = $"{RegionCodes.NameOf(region)}{Pick(Brands)}{Pick(Brands)}{trade}有限公司", LegalRepresentative = person, RegionCode = region,
                IndustrySection = Industries.FindDivision(division)!.SectionCode, IndustryDivision = division, Employees = employees,
                RevenueWan = revenue, AssetsWan = assets, SizeClass = size.SizeClass, SizeReason = size.Reason,
                ContactName = person, ContactPhone = Phone(), CreatedAt = created,
                Tags = _random.Next(25) == 0 ? "zjtx" : _random.Next(15) == 0 ? "gxjs" : "",
            };
            e.Submit(created);
            e.Approve(created.AddDays(1));
            all.Add(e);
            batch.Add(e);
            if (batch.Count == Batch) await SaveAsync(batch);
        }
        await SaveAsync(batch);
        return (all, count);
    }

    /// <summary>Each request runs its whole course (submitted, accepted, completed, confirmed, evaluated), one timeline event per step.</summary>
    private async Task<int> AddRequestsAsync(List<ServiceItem> items, List<Institution> institutions, List<Enterprise> enterprises, int count, DateTime now)
    {
        var byId = institutions.ToDictionary(i => i.Id);
        var batch = new List<object>();
        var rows = 0;
        for (var i = 0; i < count; i++)
        {
            var item = Pick(items);
            var institution = byId[item.InstitutionId];
            var enterprise = Pick(enterprises);
            var at = now.AddDays(-_random.Next(20, 1_800)).AddMinutes(-_random.Next(600));
            var day = HengyangCalendar.DayOf(at);
            var consent = new DataSharingConsent
            {
                Id = Guid.NewGuid(), EnterpriseId = enterprise.Id, UserId = Guid.Empty, RecipientKind = "institution", RecipientId = institution.Id,
                RecipientName = institution.Name, Purpose = Modules.ServiceRequests.RequestItem.SubmitRequestHandler.PurposeOf(institution.Name, item.Content.Title),
                Fields = Modules.ServiceRequests.RequestItem.SubmitRequestHandler.SharedFields, GivenAt = at,
            };
            var request = new ServiceRequest
            {
                Id = Guid.NewGuid(), Number = $"FW{day:yyMMdd}{i:X6}", ItemId = item.Id, ItemVersion = 1, ItemTitle = item.Content.Title,
                InstitutionId = institution.Id, InstitutionName = institution.Name, EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name,
                RegionCode = enterprise.RegionCode, Need = Pick(Needs), ContactName = enterprise.ContactName, ContactPhone = enterprise.ContactPhone,
                ConsentId = consent.Id, SubmittedAt = at, AcceptDueOn = day.AddDays(5),
            };
            var enterpriseActor = new Actor(Party.Enterprise, null, enterprise.ContactName);
            var institutionActor = new Actor(Party.Institution, null, institution.ContactName);
            var t = at;
            batch.Add(consent);
            batch.Add(request);
            batch.Add(new RequestEvent { Id = Guid.NewGuid(), RequestId = request.Id, At = at, Action = "submit", Party = Party.Enterprise, ActorName = enterpriseActor.Name });
            batch.Add(request.Accept(day.AddDays(item.Content.LeadTimeDays + 7), "已安排专人对接。", institutionActor, t = t.AddHours(20)));
            batch.Add(request.Complete("已交付服务报告。", 7, institutionActor, t = t.AddDays(2 + _random.Next(item.Content.LeadTimeDays))));
            batch.Add(request.Confirm(15, enterpriseActor, t = t.AddDays(1)));
            var overall = _random.Next(100) switch { < 70 => 5, < 90 => 4, < 96 => 3, < 98 => 2, _ => 1 };
            batch.Add(new Evaluation
            {
                Id = Guid.NewGuid(), RequestId = request.Id, ItemId = item.Id, InstitutionId = institution.Id, EnterpriseId = enterprise.Id,
                RegionCode = enterprise.RegionCode, Overall = overall, Timeliness = Math.Clamp(overall + _random.Next(-1, 2), 1, 5),
                Professionalism = Math.Clamp(overall + _random.Next(-1, 2), 1, 5), Attitude = Math.Clamp(overall + _random.Next(-1, 2), 1, 5),
                Comment = overall >= 4 ? Pick(Comments) : "响应偏慢，希望改进。", CreatedAt = t = t.AddDays(1),
            });
            batch.Add(request.Evaluated(enterpriseActor, t));
            rows += 8;
            if (batch.Count >= Batch) await SaveAsync(batch);
        }
        await SaveAsync(batch);
        return rows;
    }

    private async Task<int> AddArticlesAsync(int count, DateTime now)
    {
        var batch = new List<Article>();
        for (var i = 0; i < count; i++)
        {
            var kind = _random.Next(100) switch { < 55 => ArticleKind.News, < 75 => ArticleKind.Notice, < 85 => ArticleKind.Policy, < 93 => ArticleKind.Interpretation, _ => ArticleKind.Case };
            var region = _random.Next(3) == 0 ? RegionCodes.City : Region();
            var topic = Pick(ArticleTopics);
            var at = now.AddMinutes(-_random.Next(60, 60 * 24 * 365 * 6));
            var paragraphs = Enumerable.Range(0, 3 + _random.Next(5)).Select(_ => $"<p>{Pick(Sentences)}{Pick(Sentences)}</p>");
            var article = new Article
            {
                Id = Guid.NewGuid(), Kind = kind, Column = ArticleColumns.DefaultOf(kind), RegionCode = region,
                Title = $"{RegionCodes.NameOf(region)}{topic}{Pick(ArticleEvents)}", Summary = Pick(Sentences),
                Body = string.Concat(paragraphs), Source = RegionCodes.NameOf(region) + "中小企业服务中心", Author = Person(), CreatedAt = at,
                ViewCount = _random.Next(2_000),
            };
            if (kind == ArticleKind.Policy)
            {
                article.Policy = new PolicyDetails
                {
                    IndexNumber = $"4304-{at:yyyy}-{i:000000}", Issuer = RegionCodes.NameOf(region) + "工业和信息化局", DocumentNumber = $"衡工信发〔{at:yyyy}〕{1 + i % 90}号",
                    WrittenOn = DateOnly.FromDateTime(at.AddDays(-5)), IssuedOn = DateOnly.FromDateTime(at), Validity = PolicyValidity.Current,
                    Level = region == RegionCodes.City ? PolicyLevel.City : PolicyLevel.County, Theme = Pick(PolicyTerms.Themes), SupportType = Pick(PolicyTerms.SupportTypes),
                };
            }
            article.Publish(at, at);
            article.MarkAnnounced(at);
            batch.Add(article);
            if (batch.Count == Batch) await SaveAsync(batch);
        }
        await SaveAsync(batch);
        return count;
    }

    private async Task<int> AddActivitiesAsync(int count, DateTime now)
    {
        var batch = new List<Activity>();
        for (var i = 0; i < count; i++)
        {
            var region = Region();
            var starts = now.AddDays(-_random.Next(2, 1_800)).Date.AddHours(1 + _random.Next(6));
            var type = (ActivityType)_random.Next(7);
            var activity = new Activity
            {
                Id = Guid.NewGuid(), Type = type, Title = $"{RegionCodes.NameOf(region)}{Pick(ArticleTopics)}{ActivityLabels.Label(type)}",
                Description = Pick(Sentences) + Pick(Sentences), OrganiserName = RegionCodes.NameOf(region) + "中小企业服务中心", RegionCode = region,
                StartsAt = starts, EndsAt = starts.AddHours(3), Venue = type == ActivityType.LiveStream ? null : RegionCodes.NameOf(region) + "政务服务中心会议室",
                OnlineLink = type == ActivityType.LiveStream ? "https://live.example.cn/qifu" : null, Capacity = 30 + _random.Next(200),
                RegistrationOpensAt = starts.AddDays(-14), RegistrationClosesAt = starts.AddDays(-1), IsPublicInterest = _random.Next(50) != 0,
                CreatedAt = starts.AddDays(-20), UpdatedAt = starts.AddDays(-20),
            };
            activity.Publish(starts.AddDays(-15));
            activity.Finish(starts.AddHours(4));
            batch.Add(activity);
            if (batch.Count == Batch) await SaveAsync(batch);
        }
        await SaveAsync(batch);
        return count;
    }
}
