using System.Collections;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Consent;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;
using Stopwatch = System.Diagnostics.Stopwatch;
using ActivityRegistrationStatus = Qifu.Web.Modules.Activities.Data.RegistrationStatus;
using RegistrationStatus = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Platform.Demo;

/// <summary>
/// `seed --scale N`: fills the database with invented Hengyang-like data at N times the reference city (issue 6, decision 0017).
/// The six headline figures at scale 1 are exactly the reference: 1,237 institutions, 5,077 service items ever published, 26,189
/// enterprises, 1,044 activities held, 9,727 evaluated service requests and 34,128 published articles (round(N × reference) at
/// scale N). Around them, in proportion: registrations waiting for review, items not (yet) published, service requests in every
/// other state with their timelines, consents and the item counters, call-back tasks for bad evaluations, activity registrations
/// with check-ins and feedback, upcoming and cancelled activities, policies with their metadata and interpretations, needs with
/// proposals and dispatches (docked ones with their service request), 需求摸排 batches with responses, and loan-renewal cases
/// in every state. Times spread over the last five years (China working hours), regions by <see cref="RegionWeights"/>.
/// Entities are built as the module flows build them (their own state-machine methods, past times) and written by
/// <see cref="BulkWriter"/>; the search index is rebuilt afterwards by the command. Run it with the web node stopped.
/// Text is composed from phrase lists written by the Qifu team; every name is invented.
/// </summary>
public sealed class ScaleData(AppDbContext db, TimeProvider clock, Action<string> say)
{
    public const string Command = "seed";
    /// <summary>The reference city (scale 1): the six headline figures.</summary>
    public const int Institutions = 1_237, Items = 5_077, Enterprises = 26_189, Activities = 1_044, EvaluatedRequests = 9_727, Articles = 34_128;
    /// <summary>The rest of scale 1, in proportion to the figures above.</summary>
    public const int PendingInstitutions = 60, PendingEnterprises = 900, UnpublishedItems = 300, Needs = 2_000, SurveyBatches = 8,
        Questionnaires = 2, RenewalCases = 600, UpcomingActivities = 60, CancelledActivities = 25, UnpublishedArticles = 300;

    /// <summary>Service requests per state at scale 1, besides the evaluated ones (docked needs add a few more in these states).</summary>
    public static readonly IReadOnlyDictionary<RequestStatus, int> OtherRequests = new Dictionary<RequestStatus, int>
    {
        [RequestStatus.Submitted] = 120, [RequestStatus.Accepted] = 160, [RequestStatus.InService] = 420, [RequestStatus.Completed] = 150,
        [RequestStatus.AwaitingEvaluation] = 330, [RequestStatus.ClosedUnrated] = 1_600, [RequestStatus.Declined] = 520, [RequestStatus.Withdrawn] = 380,
    };

    /// <summary>Flush the staged rows to the database every this many rows (memory stays flat at any scale).</summary>
    private const int FlushRows = 50_000;
    private const double Years = 5;

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
    private static readonly string[] NeedTexts = ["希望了解续贷办理条件和所需材料。", "需要代理记账并梳理增值税申报。", "希望律师审查供货合同并出具意见。", "计划导入质量管理体系，需要辅导。",
        "新员工需要安全生产培训。", "想申请实用新型专利，需要检索和撰写。", "希望做一次数字化转型诊断。", "想申报专精特新中小企业，需要辅导材料。"];
    private static readonly string[] Comments = ["服务专业，响应及时。", "办理速度比预期快。", "态度很好，还主动回访。", "材料一次讲清楚，少跑了路。", "整体满意，收费可以再透明一些。", ""];

    private static readonly string[] DeclineReasons = ["本机构目前只承接城区的上门服务，贵企业所在区县暂不能安排，建议申请就近的服务机构。",
        "该事项需要的资质本机构暂不具备，建议选择有相应资质的机构。", "近期服务排期已满，无法在办理时限内完成，请另选机构或下月再申请。"];
    private static readonly string[] WithdrawReasons = ["已通过其他渠道解决，撤回申请。", "内部计划调整，暂不需要该服务。", "申请信息填写有误，撤回后重新提交。"];
    private static readonly string[] AcceptNotes = ["已安排专人对接，将先电话了解情况。", "已受理，请准备营业执照和近一年财务报表。", "已受理，顾问将在两个工作日内上门。"];
    private static readonly string[] ProgressNotes = ["已收到企业提供的材料，正在核对。", "已与企业负责人电话沟通，完成现场调研。", "方案初稿已完成，约企业下周讲解。"];
    private static readonly string[] CompleteNotes = ["已向企业交付服务报告并当面讲解，企业已签收。", "已完成全部服务事项，相关材料已移交企业。", "已办结，后续问题可随时电话联系。"];
    private static readonly string[] GoodComments = ["服务专业，响应及时。", "办理速度比预期快。", "态度很好，还主动回访。", "材料一次讲清楚，少跑了路。", "老师很专业，当天就回电话。"];
    private static readonly string[] MiddleComments = ["整体满意，收费可以再透明一些。", "服务还可以，沟通稍慢。", "基本解决了问题，希望后续跟进。"];
    private static readonly string[] BadComments = ["受理以后一周都没有人联系，方案跟我们的情况不符。", "收费说明不清楚，办到一半要求另外加钱。", "响应偏慢，希望改进。"];
    private static readonly string[] Replies = ["感谢贵企业的认可，我们会继续做好服务。", "感谢反馈，已安排顾问回访，后续有问题请随时联系。"];
    private static readonly string[] CallbackNotes = ["已电话回访企业负责人，机构已重新安排顾问上门，企业表示问题基本解决。", "已回访，企业反映的收费问题经核实系沟通不到位，机构已书面说明。"];
    private static readonly string[] NeedPurposes = ["希望尽快对接专业机构", "希望了解费用和周期", "需要上门服务", "希望有本地机构承接", "需要出具正式报告"];
    private static readonly string[] ProposalScopes = ["安排专职顾问对接，先做现场调研，再出具书面方案并辅导落实。", "提供全流程代办服务，材料清单一次告知，按节点反馈进展。",
        "线上线下结合：先远程诊断，再安排两次上门，交付报告一份。"];
    private static readonly string[] NeedRejectReasons = ["需求描述中含有个人身份证号，请删除个人信息后重新发布。", "需求内容与企业服务无关，请修改后重新发布。"];
    private static readonly string[] NeedCloseReasons = ["已与本地一家机构签约，不再需要。", "企业计划调整，暂缓该需求。"];
    private static readonly string[] Positions = ["总经理", "财务负责人", "人事专员", "生产主管", "办公室主任", "技术员"];
    private static readonly string[] Feedbacks = ["内容实用，讲得清楚。", "希望多组织类似活动。", "时间有点紧，案例可以再多一些。", ""];
    private static readonly string[] Diligence = ["实地走访生产车间，设备运转正常；核对近6个月纳税和基本户流水，经营稳定，无欠息记录。",
        "查询征信无逾期；走访主要客户，订单连续；实际控制人还款意愿良好。"];
    private static readonly string[] LoanPurposes = ["原材料采购周转", "支付员工工资和房租", "购买钢材、支付外协加工费等日常周转", "收购稻谷、支付农资款", "支付燃油、路桥费和车辆维修"];
    private static readonly string[] SurveyTrends = ["明显好转", "略有好转", "基本持平", "有所下降", "明显下降"];
    private static readonly string[] SurveyActivities = ["银企对接会", "政策解读会", "财税培训", "数字化转型培训", "产销对接会", "法律体检"];
    private static readonly string[] SurveyDifficulties = ["原材料价格波动大，订单利润被压缩。", "招工难，特别是熟练技工。", "银行贷款到期续贷手续多、时间紧。",
        "对研发费用加计扣除等政策不熟悉，希望有人上门辅导。", "线上销售缺少运营人才。"];

    private static readonly System.Reflection.PropertyInfo TakenProperty = typeof(Activity).GetProperty(nameof(Activity.Taken))!;

    private readonly Random _random = new(20261127);
    private readonly HashSet<string> _creditCodes = [], _numbers = [], _registrationCodes = [];
    private readonly string _runTag = string.Concat(Enumerable.Range(0, 3).Select(_ => "ABCDEFGHJKLMNPQRTUWXY"[Random.Shared.Next(21)]));
    private DateTime _now;
    private WorkingCalendar _calendar = null!;
    private (int Accept, int Reopen, int Evaluate, int FollowUp) _days;
    private Sink _sink = null!;
    private int _codeCounter, _numberCounter, _registrationCounter, _evaluated, _evaluatedTarget;
    private List<Enterprise> _enterprises = [];
    private DateTime[] _enterpriseTimes = [];
    private List<ServiceItem> _liveItems = [];
    private DateTime[] _liveItemTimes = [];
    private Dictionary<Guid, Institution> _institutionsById = [];

    /// <summary>Rows written per table, and how long the whole run took (without the search index).</summary>
    public IReadOnlyDictionary<string, long> RowsPerTable { get; private set; } = new Dictionary<string, long>();
    public TimeSpan Elapsed { get; private set; }
    /// <summary>Of <see cref="Elapsed"/>, the time spent in the database.</summary>
    public TimeSpan WriteTime { get; private set; }
    public IReadOnlyDictionary<string, TimeSpan> TimePerTable { get; private set; } = new Dictionary<string, TimeSpan>();
    public long TotalRows => RowsPerTable.Values.Sum();

    public static int Scaled(int reference, double scale) => Math.Max(1, (int)Math.Round(reference * scale));

    public async Task RunAsync(double scale)
    {
        var watch = Stopwatch.StartNew();
        _now = clock.GetUtcNow().UtcDateTime;
        _calendar = new WorkingCalendar(db, clock);
        var settings = new SiteSettings(db);
        _days = (await settings.GetIntAsync(Settings.AcceptWorkingDays), await settings.GetIntAsync(Settings.ReopenWindowDays),
            await settings.GetIntAsync(Settings.EvaluationWindowDays), await settings.GetIntAsync(Settings.FollowUpWorkingDays));
        await _calendar.AddWorkingDaysAsync(_calendar.Today, 1);
        // What is already there (demo data, an earlier run): new codes and numbers must not clash with it.
        _creditCodes.UnionWith(await db.Enterprises.Select(e => e.CreditCode).ToListAsync());
        _creditCodes.UnionWith(await db.Institutions.Select(e => e.CreditCode).ToListAsync());
        _numbers.UnionWith(await db.ServiceRequests.Select(e => e.Number).ToListAsync());
        _numbers.UnionWith(await db.RenewalCases.Select(e => e.Number).ToListAsync());
        _registrationCodes.UnionWith(await db.ActivityRegistrations.Select(e => e.Code).ToListAsync());
        _evaluatedTarget = Scaled(EvaluatedRequests, scale);

        await using (var writer = await BulkWriter.OpenAsync(db))
        {
            _sink = new Sink(writer);
            var institutions = await StageAsync("服务机构", () => AddInstitutions(Scaled(Institutions, scale), Scaled(PendingInstitutions, scale)));
            _institutionsById = institutions.ToDictionary(i => i.Id);
            _enterprises = await StageAsync("企业", () => AddEnterprises(Scaled(Enterprises, scale), Scaled(PendingEnterprises, scale)));
            _enterpriseTimes = _enterprises.Select(e => e.ApprovedAt!.Value).ToArray();
            var items = await StageAsync("服务项目", () => BuildItems(institutions, Scaled(Items, scale), Scaled(UnpublishedItems, scale)));
            _liveItems = items.Where(i => i.Status == ItemStatus.Published).OrderBy(i => i.PublishedAt).ToList();
            _liveItemTimes = _liveItems.Select(i => i.PublishedAt!.Value).ToArray();
            await StageAsync("需求及方案", () => AddNeedsAsync(Scaled(Needs, scale)));
            await StageAsync("服务申请、评价及回访", () => AddRequestsAsync(scale));
            // The item counters are final only now: the items go in last.
            await StageAsync("服务项目（含计数）", async () => { foreach (var item in items) { _sink.Add(item); await _sink.MaybeFlushAsync(); } return 0; });
            await StageAsync("活动及报名签到", () => AddActivitiesAsync(Scaled(Activities, scale), Scaled(UpcomingActivities, scale), Scaled(CancelledActivities, scale), institutions));
            await StageAsync("新闻信息", () => AddArticlesAsync(Scaled(Articles, scale), Scaled(UnpublishedArticles, scale)));
            await StageAsync("需求摸排", () => AddSurveysAsync(Scaled(Questionnaires, scale), Scaled(SurveyBatches, scale), Math.Max(1, (int)Math.Round(scale))));
            await StageAsync("无还本续贷", () => AddRenewalsAsync(Scaled(RenewalCases, scale), institutions));
            await _sink.FlushAsync();
            RowsPerTable = new SortedDictionary<string, long>(writer.RowsPerTable.ToDictionary(), StringComparer.Ordinal);
            WriteTime = writer.WriteTime;
            TimePerTable = writer.TimePerTable.ToDictionary();
        }
        Elapsed = watch.Elapsed;
        foreach (var (table, rows) in RowsPerTable)
        {
            var seconds = TimePerTable.GetValueOrDefault(table).TotalSeconds;
            say($"  {table,-24} {rows,12:N0} 行  写入 {seconds,6:0.0} 秒  {rows / Math.Max(0.001, seconds),10:N0} 行/秒");
        }
        say($"规模数据写入完成：{RowsPerTable.Count} 张表共 {TotalRows:N0} 行，{Elapsed.TotalSeconds:0.0} 秒，{TotalRows / Math.Max(0.001, Elapsed.TotalSeconds):N0} 行/秒（其中写入数据库 {WriteTime.TotalSeconds:0.0} 秒）");
    }

    private async Task<T> StageAsync<T>(string name, Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        var result = await work();
        say($"{name}：已生成，{watch.Elapsed.TotalSeconds:0.0} 秒");
        return result;
    }

    private Task<T> StageAsync<T>(string name, Func<T> work) => StageAsync(name, () => Task.FromResult(work()));

    /// <summary>Rows waiting to be written, per entity type in the order the types first came (parents before children), flushed
    /// every <see cref="FlushRows"/> rows. Rows are complete when added to it, except the items, added last.</summary>
    private sealed class Sink(BulkWriter writer)
    {
        private readonly List<(Type Type, IList Rows)> _buffers = [];
        private int _count;

        public void Add<T>(T row) where T : class
        {
            IList? rows = null;
            foreach (var b in _buffers)
                if (b.Type == typeof(T)) { rows = b.Rows; break; }
            if (rows is null) _buffers.Add((typeof(T), rows = new List<T>()));
            rows.Add(row);
            _count++;
        }

        public Task MaybeFlushAsync() => _count >= FlushRows ? FlushAsync() : Task.CompletedTask;

        public async Task FlushAsync()
        {
            foreach (var (type, rows) in _buffers)
            {
                if (rows.Count == 0) continue;
                await writer.WriteAsync(type, rows);
                rows.Clear();
            }
            _count = 0;
        }
    }

    // ---- picking ----

    private double U(double from, double to) => from + _random.NextDouble() * (to - from);
    private T Pick<T>(IReadOnlyList<T> list) => list[_random.Next(list.Count)];
    private bool Chance(double p) => _random.NextDouble() < p;
    private string Person() => Pick(Surnames) + Pick(GivenNames);
    private string Phone() => "13" + _random.Next(5, 10).ToString(CultureInfo.InvariantCulture) + _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    private T Weighted<T>(params (T Value, int Weight)[] choices)
    {
        var pick = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
            if ((pick -= weight) < 0) return value;
        return choices[0].Value;
    }

    private string Region()
    {
        var total = RegionWeights.Sum(r => r.Weight);
        var pick = _random.Next(total);
        foreach (var (code, weight) in RegionWeights)
            if ((pick -= weight) < 0) return code;
        return RegionWeights[0].Code;
    }

    /// <summary>A moment between <paramref name="minDaysAgo"/> and <paramref name="maxDaysAgo"/> days back, moved into Beijing office
    /// hours (08:30–18:00, UTC+8), never in the future.</summary>
    private DateTime WorkTime(double minDaysAgo, double maxDaysAgo)
    {
        var t = _now.AddDays(-U(minDaysAgo, maxDaysAgo));
        var at = t.AddHours(8).Date.AddHours(8.5 + _random.NextDouble() * 9.5).AddHours(-8);
        return at < _now ? at : _now.AddMinutes(-_random.Next(5, 180));
    }

    private DateTime AnyTime(double minDaysAgo = 1) => WorkTime(minDaysAgo, Years * 365);

    private static DateOnly Day(DateTime utc) => HengyangCalendar.DayOf(utc);
    private Task<DateOnly> DueAsync(DateTime from, int workingDays) => _calendar.AddWorkingDaysAsync(Day(from), Math.Max(1, workingDays));

    /// <summary>One of the entries whose time (ascending) is before <paramref name="at"/>, or the earliest one.</summary>
    private T PickBefore<T>(List<T> list, DateTime[] times, DateTime at)
    {
        var index = Array.BinarySearch(times, at);
        var count = index >= 0 ? index : ~index;
        return list[count == 0 ? 0 : _random.Next(count)];
    }

    private Enterprise EnterpriseBefore(DateTime at) => PickBefore(_enterprises, _enterpriseTimes, at);
    private ServiceItem ItemBefore(DateTime at) => PickBefore(_liveItems, _liveItemTimes, at);

    /// <summary>A valid unified social credit code not yet in the database (the organisation code counts up in base 31).</summary>
    private string CreditCodeFor(string prefix, string region)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        while (true)
        {
            var n = ++_codeCounter;
            var digits = new char[5];
            for (var i = 4; i >= 0; i--) { digits[i] = alphabet[n % 31]; n /= 31; }
            var body = "MA7" + new string(digits);
            var first17 = prefix + (region is "430472" or "430473" ? RegionCodes.City : region) + body + CreditCode.ComputeOrgCodeCheckCharacter(body);
            var code = first17 + CreditCode.ComputeCheckCharacter(first17);
            if (_creditCodes.Add(code)) return code;
        }
    }

    /// <summary>FW/XD + the Beijing date + a run tag and a counter: unique, and never the shape the app hands out (six characters).</summary>
    private string NumberFor(string prefix, DateOnly day)
    {
        while (true)
        {
            var number = $"{prefix}{day:yyMMdd}S{_runTag}{++_numberCounter:X6}";
            if (_numbers.Add(number)) return number;
        }
    }

    /// <summary>A check-in code (报名码) from the registration alphabet: a counter spread by a multiplier prime to 25⁸, so unique.</summary>
    private string RegistrationCode()
    {
        const string alphabet = Modules.Activities.Register.RegistrationCodes.Alphabet;
        const long space = 152_587_890_625; // 25^8
        while (true)
        {
            var n = (++_registrationCounter * 48_271_000_013L + 977_123) % space;
            var chars = new char[8];
            for (var i = 7; i >= 0; i--) { chars[i] = alphabet[(int)(n % alphabet.Length)]; n /= alphabet.Length; }
            var code = new string(chars);
            if (_registrationCodes.Add(code)) return code;
        }
    }

    // ---- registrations and the catalogue ----

    private List<Institution> AddInstitutions(int approved, int pending)
    {
        var all = new List<Institution>(approved);
        var categories = ServiceCategories.All.Select(c => c.Code).ToArray();
        for (var i = 0; i < approved + pending; i++)
        {
            var waiting = i >= approved;
            var region = Region();
            var bank = !waiting && i % 40 == 0;
            var created = waiting ? WorkTime(0.1, 10) : WorkTime(40, Years * 365);
            var own = categories.OrderBy(_ => _random.Next()).Take(1 + _random.Next(3)).ToArray();
            var institution = new Institution
            {
                Id = Guid.NewGuid(), CreditCode = CreditCodeFor(bank ? "91" : i % 7 == 0 ? "52" : "91", region),
                Name = bank ? $"衡阳{Pick(Brands)}银行股份有限公司{RegionCodes.NameOf(region)}支行" : $"{RegionCodes.NameOf(region)}{Pick(Brands)}{Pick(InstitutionTypes)}",
                Kind = bank ? InstitutionKind.Bank : InstitutionKind.General, RegionCode = region, Categories = string.Join(',', bank ? ["finance"] : own),
                ServiceRegions = _random.Next(3) == 0 ? RegionCodes.City : string.Join(',', new[] { region, Region() }.Distinct()),
                StaffCount = 3 + _random.Next(120), FeePolicy = "对小微企业收费优惠", Introduction = "面向中小企业提供专业服务，服务网点覆盖所在区县。",
                ContactName = Person(), ContactPhone = Phone(), CreatedAt = created,
            };
            institution.Submit(created.AddHours(U(0.2, 30)));
            if (!waiting)
            {
                institution.Approve(institution.SubmittedAt!.Value.AddDays(U(0.5, 4)));
                all.Add(institution);
            }
            _sink.Add(institution);
        }
        return all;
    }

    private List<Enterprise> AddEnterprises(int approved, int pending)
    {
        var all = new List<Enterprise>(approved);
        for (var i = 0; i < approved + pending; i++)
        {
            var waiting = i >= approved;
            var region = Region();
            var (division, trade) = Pick(Trades);
            // Mostly small and micro, as in the reference city.
            var employees = _random.Next(10) switch { < 6 => 2 + _random.Next(20), < 9 => 20 + _random.Next(200), _ => 200 + _random.Next(800) };
            var revenue = Math.Round((decimal)(employees * (20 + _random.Next(120))), 0);
            var assets = Math.Round(revenue * (decimal)(0.5 + _random.NextDouble()), 0);
            var size = SizeClassifier.Classify(division, null, employees, revenue, assets);
            var created = waiting ? WorkTime(0.1, 5) : WorkTime(4, Years * 365);
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
            if (!waiting)
            {
                e.Approve(created.AddDays(U(0.2, 3)));
                all.Add(e);
            }
            _sink.Add(e);
        }
        return all.OrderBy(e => e.ApprovedAt).ToList();
    }

    /// <summary>Built in memory only: the requests count on them, and they are written once the counters are final.</summary>
    private List<ServiceItem> BuildItems(List<Institution> institutions, int published, int unpublished)
    {
        var all = new List<ServiceItem>(published + unpublished);
        for (var i = 0; i < published + unpublished; i++)
        {
            var live = i < published;
            var institution = i < institutions.Count ? institutions[i] : Pick(institutions);
            var category = Pick(institution.CategoryCodes.ToList());
            var sub = Pick(ServiceCategories.SubCategories[category]);
            var fee = (FeeType)_random.Next(4);
            var approvedAt = institution.ApprovedAt!.Value;
            var age = (_now - approvedAt).TotalDays;
            var created = live ? approvedAt.AddDays(U(1, Math.Max(1.5, age - 3) * 0.9)) : _now.AddDays(-U(0.5, Math.Min(30, age)));
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
            if (live)
            {
                item.Submit(created);
                item.Approve(created.AddHours(U(2, 48)));
                // 下架 later on, by the institution: still counted as published once.
                if (Chance(0.07) && item.PublishedAt!.Value.AddDays(60) < _now)
                    item.TakeOffShelf("服务调整，暂停承接", false, item.PublishedAt.Value.AddDays(U(30, (_now - item.PublishedAt.Value).TotalDays - 1)));
            }
            else
            {
                var state = _random.Next(10);
                if (state >= 4) item.Submit(created.AddHours(1));
                if (state >= 8) item.Reject("服务内容描述不完整，请补充收费标准和交付成果后重新提交。", created.AddHours(5));
            }
            all.Add(item);
        }
        return all;
    }

    // ---- service requests, evaluations, call-backs ----

    private async Task<int> AddRequestsAsync(double scale)
    {
        var plan = new List<(RequestStatus State, int Count)> { (RequestStatus.Evaluated, Math.Max(0, _evaluatedTarget - _evaluated)) };
        plan.AddRange(OtherRequests.Select(o => (o.Key, Scaled(o.Value, scale))));
        var rows = 0;
        foreach (var (state, count) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                var (submitted, end) = WindowOf(state);
                var item = ItemBefore(submitted);
                if (item.PublishedAt > submitted)
                {
                    var shift = item.PublishedAt.Value.AddHours(2) - submitted;
                    submitted += shift;
                    end += shift;
                }
                var enterprise = EnterpriseBefore(submitted);
                if (enterprise.ApprovedAt > submitted)
                {
                    var shift = enterprise.ApprovedAt.Value.AddHours(2) - submitted;
                    submitted += shift;
                    end += shift;
                }
                await AddRequestAsync(state, item, enterprise, submitted, end, NeedText(item), null);
                await _sink.MaybeFlushAsync();
                rows++;
            }
        }
        return rows;
    }

    private string NeedText(ServiceItem item) =>
        $"{Pick(NeedTexts)}（{item.Content.SubCategory}）{Pick(NeedPurposes)}。";

    /// <summary>When a request in this state was submitted, and when its last step happened: each state stays believable today
    /// (a request waits for acceptance a few days at most, a completed one is inside the reopen window, …).</summary>
    private (DateTime Submitted, DateTime End) WindowOf(RequestStatus state)
    {
        DateTime s, end;
        switch (state)
        {
            case RequestStatus.Submitted:
                s = WorkTime(0.05, 3);
                return (s, s);
            case RequestStatus.Accepted:
                s = WorkTime(1.5, 8);
                return (s, s.AddHours(U(2, 24)));
            case RequestStatus.InService:
                s = WorkTime(3, 40);
                return (s, s.AddDays(U(1, Math.Min(20, (_now - s).TotalDays - 0.5))));
            case RequestStatus.Completed:
                end = _now.AddDays(-U(0.1, Math.Max(0.2, _days.Reopen - 1)));
                return (end.AddDays(-U(3, 20)), end);
            case RequestStatus.AwaitingEvaluation:
                end = _now.AddDays(-U(0.1, Math.Max(0.2, _days.Evaluate - 1)));
                return (end.AddDays(-U(3, 25)), end);
            case RequestStatus.Declined:
                s = AnyTime(3);
                return (s, s.AddHours(U(2, 48)));
            case RequestStatus.Withdrawn:
                s = AnyTime(3);
                return (s, s.AddHours(U(1, 48)));
            default: // Evaluated, ClosedUnrated: a month or two of work, long over
                s = AnyTime(_days.Evaluate + 40);
                return (s, s.AddDays(U(3, 30)));
        }
    }

    /// <summary>What a docked need's request has become by now, from when it was made.</summary>
    private RequestStatus StateAfter(DateTime submitted)
    {
        var age = (_now - submitted).TotalDays;
        if (age < 2) return RequestStatus.Submitted;
        if (age < 8) return RequestStatus.Accepted;
        if (age < 25) return RequestStatus.InService;
        if (age < _days.Evaluate + 40) return RequestStatus.AwaitingEvaluation;
        return Chance(0.85) && _evaluated < _evaluatedTarget ? RequestStatus.Evaluated : RequestStatus.ClosedUnrated;
    }

    /// <summary>End of the last step for <see cref="StateAfter"/>.</summary>
    private DateTime EndAfter(RequestStatus state, DateTime submitted)
    {
        var age = (_now - submitted).TotalDays;
        return state switch
        {
            RequestStatus.Submitted => submitted,
            RequestStatus.Accepted => submitted.AddHours(U(2, 24)),
            RequestStatus.InService => submitted.AddDays(U(1, age - 1)),
            RequestStatus.AwaitingEvaluation => _now.AddDays(-U(0.1, Math.Min(_days.Evaluate - 1, age - 3))),
            _ => submitted.AddDays(U(3, 20)),
        };
    }

    /// <summary>A request with its consent and timeline, taken to <paramref name="target"/> through the entity's own steps: submitted at
    /// <paramref name="submitted"/>, its last step at <paramref name="end"/>, the steps between spread over that time.</summary>
    private async Task<ServiceRequest> AddRequestAsync(RequestStatus target, ServiceItem item, Enterprise enterprise, DateTime submitted, DateTime end,
        string need, string? submitComment)
    {
        var institution = _institutionsById[item.InstitutionId];
        var day = Day(submitted);
        var consent = new DataSharingConsent
        {
            Id = Guid.NewGuid(), EnterpriseId = enterprise.Id, UserId = Guid.Empty, RecipientKind = "institution", RecipientId = institution.Id,
            RecipientName = institution.Name, Purpose = Modules.ServiceRequests.RequestItem.SubmitRequestHandler.PurposeOf(institution.Name, item.Content.Title),
            Fields = Modules.ServiceRequests.RequestItem.SubmitRequestHandler.SharedFields, GivenAt = submitted,
        };
        var r = new ServiceRequest
        {
            Id = Guid.NewGuid(), Number = NumberFor("FW", day), ItemId = item.Id, ItemVersion = Math.Max(1, item.PublishedVersion), ItemTitle = item.Content.Title,
            InstitutionId = institution.Id, InstitutionName = institution.Name, EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name,
            RegionCode = enterprise.RegionCode, Need = need, ContactName = enterprise.ContactName, ContactPhone = enterprise.ContactPhone,
            ConsentId = consent.Id, SubmittedAt = submitted, AcceptDueOn = await DueAsync(submitted, _days.Accept),
        };
        _sink.Add(consent);
        _sink.Add(r);
        _sink.Add(new RequestEvent
        {
            Id = Guid.NewGuid(), RequestId = r.Id, At = submitted, Action = "submit", ToStatus = RequestStatus.Submitted, Party = Party.Enterprise,
            ActorName = enterprise.ContactName, Comment = submitComment,
        });
        item.RequestCount++;
        var ent = new Actor(Party.Enterprise, null, enterprise.ContactName);
        var inst = new Actor(Party.Institution, null, institution.ContactName);
        var span = end - submitted;
        DateTime At(double f) => submitted + span * f;
        switch (target)
        {
            case RequestStatus.Submitted:
                return r;
            case RequestStatus.Declined:
                _sink.Add(r.Decline(Pick(DeclineReasons), inst, end));
                return r;
            case RequestStatus.Withdrawn:
                _sink.Add(r.Withdraw(Pick(WithdrawReasons), ent, end));
                return r;
        }
        var accepted = target == RequestStatus.Accepted ? end : At(0.1);
        _sink.Add(r.Accept(await DueAsync(accepted, item.Content.LeadTimeDays), Pick(AcceptNotes), inst, accepted));
        if (target == RequestStatus.Accepted) return r;
        _sink.Add(r.Progress(Pick(ProgressNotes), null, inst, target == RequestStatus.InService ? end : At(0.35)));
        if (target == RequestStatus.InService) return r;
        _sink.Add(r.Complete(Pick(CompleteNotes), _days.Reopen, inst, target == RequestStatus.Completed ? end : At(0.7)));
        if (target == RequestStatus.Completed) return r;
        _sink.Add(r.Confirm(_days.Evaluate, ent, target is RequestStatus.AwaitingEvaluation or RequestStatus.ClosedUnrated ? end : At(0.85)));
        item.CompletedCount++;
        if (target == RequestStatus.AwaitingEvaluation) return r;
        if (target == RequestStatus.ClosedUnrated)
        {
            _sink.Add(r.CloseUnrated(r.EvaluateUntil!.Value.AddMinutes(5)));
            return r;
        }
        _sink.Add(r.Evaluated(ent, end));
        await AddEvaluationAsync(r, item, end);
        return r;
    }

    private async Task AddEvaluationAsync(ServiceRequest r, ServiceItem item, DateTime at)
    {
        _evaluated++;
        var overall = _random.Next(100) switch { < 66 => 5, < 87 => 4, < 95 => 3, < 98 => 2, _ => 1 };
        int Sub() => Math.Clamp(overall + _random.Next(-1, 2), 1, 5);
        var comment = !Chance(0.6) ? null : overall >= 4 ? Pick(GoodComments) : overall == 3 ? Pick(MiddleComments) : Pick(BadComments);
        var e = new Evaluation
        {
            Id = Guid.NewGuid(), RequestId = r.Id, ItemId = item.Id, InstitutionId = r.InstitutionId, EnterpriseId = r.EnterpriseId,
            RegionCode = r.RegionCode, Overall = overall, Timeliness = Sub(), Professionalism = Sub(), Attitude = Sub(), Comment = comment, CreatedAt = at,
        };
        DateTime Later(double hours) => at.AddHours(hours) < _now ? at.AddHours(hours) : _now.AddMinutes(-1);
        // A rating without a comment is public at once; comments wait for an operator, who lets nearly all through.
        if (comment is null) e.Moderate(true, null, at);
        else if (Chance(0.01)) e.Moderate(false, "评价内容含有未经核实的个人信息，不予公开。", Later(U(2, 30)));
        else e.Moderate(true, null, Later(U(2, 30)));
        if (Chance(e.IsBad ? 0.6 : 0.12)) e.PostReply(Pick(Replies), Later(U(30, 60)));
        if (e.IsBad && Chance(0.25))
        {
            e.FileAppeal("企业所述情况与服务记录不符，已提供通话记录和书面告知材料。", Later(U(60, 80)));
            e.DecideAppeal(Chance(0.4), "经核实服务记录，作出裁定。", Later(U(100, 200)));
        }
        _sink.Add(e);
        if (e.Counts)
        {
            item.EvaluationCount++;
            item.EvaluationTotal += overall;
        }
        if (!e.IsBad) return;
        var followUp = new FollowUp
        {
            Id = Guid.NewGuid(), EvaluationId = e.Id, RequestId = r.Id, RegionCode = r.RegionCode, CreatedAt = at, DueOn = await DueAsync(at, _days.FollowUp),
        };
        if (at.AddDays(20) < _now)
            followUp.RecordCallback(at.AddDays(U(1, 12)), Pick(CallbackNotes), Chance(0.7) ? "问题已解决" : "部分解决，机构继续跟进", Person(), _now);
        _sink.Add(followUp);
    }

    // ---- needs ----

    private async Task<int> AddNeedsAsync(int count)
    {
        var categories = ServiceCategories.All.Select(c => c.Code).ToArray();
        var byCategory = _liveItems.GroupBy(i => i.Content.CategoryCode).ToDictionary(g => g.Key, g => g.ToList());
        var today = _calendar.Today;
        for (var i = 0; i < count; i++)
        {
            var state = Weighted((NeedStatus.PendingReview, 4), (NeedStatus.Open, 14), (NeedStatus.Rejected, 3), (NeedStatus.Docked, 38),
                (NeedStatus.Closed, 9), (NeedStatus.Expired, 32));
            var created = state switch
            {
                NeedStatus.PendingReview => WorkTime(0.05, 2),
                NeedStatus.Open => WorkTime(1, 25),
                _ => AnyTime(45),
            };
            var enterprise = EnterpriseBefore(created);
            if (enterprise.ApprovedAt > created) created = enterprise.ApprovedAt.Value.AddHours(3);
            var category = Pick(categories);
            var sub = Pick(ServiceCategories.SubCategories[category]);
            var deadline = state switch
            {
                NeedStatus.PendingReview or NeedStatus.Open => today.AddDays(_random.Next(5, 30)),
                _ => Day(created).AddDays(_random.Next(10, 30)),
            };
            var need = new Need
            {
                Id = Guid.NewGuid(), EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name, RegionCode = enterprise.RegionCode, CategoryCode = category,
                SubCategory = sub, Title = $"{sub}：{Pick(NeedPurposes)}", Description = $"{Pick(NeedTexts)}{Pick(Sentences)}",
                Budget = Chance(0.5) ? null : 1_000 * _random.Next(2, 200), Deadline = deadline, CreatedAt = created,
            };
            _sink.Add(need);
            if (state == NeedStatus.PendingReview) continue;
            if (state == NeedStatus.Rejected)
            {
                need.Reject(Pick(NeedRejectReasons), created.AddHours(U(1, 20)));
                continue;
            }
            var opened = created.AddHours(U(1, 8));
            need.Approve(opened);
            // Proposals from institutions with a published item in the category, one per institution, in time order.
            var wanted = state switch { NeedStatus.Open => _random.Next(0, 4), NeedStatus.Docked => _random.Next(1, 5), NeedStatus.Closed => _random.Next(0, 3), _ => _random.Next(0, 2) };
            var lastDay = deadline.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc).AddHours(-8);
            var latest = lastDay < _now ? lastDay : _now.AddMinutes(-10);
            var at = opened;
            var proposals = new List<(Proposal Proposal, ServiceItem Item)>();
            var candidates = byCategory.GetValueOrDefault(category) ?? _liveItems;
            for (var k = 0; k < wanted * 3 && proposals.Count < wanted; k++)
            {
                var item = Pick(candidates);
                var next = at.AddHours(U(3, 60));
                if (next >= latest || item.PublishedAt > next || proposals.Any(p => p.Item.InstitutionId == item.InstitutionId)) continue;
                at = next;
                var institution = _institutionsById[item.InstitutionId];
                var p = new Proposal
                {
                    Id = Guid.NewGuid(), NeedId = need.Id, InstitutionId = institution.Id, InstitutionName = institution.Name, ItemId = item.Id,
                    ItemTitle = item.Content.Title, Scope = Pick(ProposalScopes), Price = Chance(0.3) ? null : 500 * _random.Next(2, 100),
                    DaysNeeded = _random.Next(5, 45), CreatedAt = at, UpdatedAt = at,
                };
                need.RecordProposal(at);
                proposals.Add((p, item));
                _sink.Add(p);
            }
            if (state == NeedStatus.Docked && proposals.Count == 0) state = Day(created).AddDays(40) < today ? NeedStatus.Expired : NeedStatus.Open;
            if (i % 10 == 3) // 派单: an operator sent one in ten to an institution
            {
                var target = Pick(candidates);
                var institution = _institutionsById[target.InstitutionId];
                _sink.Add(new NeedDispatch
                {
                    Id = Guid.NewGuid(), NeedId = need.Id, InstitutionId = institution.Id, InstitutionName = institution.Name, Note = "请贵机构评估后提交方案。",
                    DispatchedAt = opened.AddHours(1) < latest ? opened.AddHours(1) : opened, DispatchedBy = RegionCodes.NameOf(need.RegionCode) + "运营 " + Person(),
                });
            }
            switch (state)
            {
                case NeedStatus.Open:
                    if (proposals.Count == 0 && opened.AddDays(7) < _now) need.MarkForFollowUp(opened.AddDays(7));
                    break;
                case NeedStatus.Expired:
                    need.Expire(today, deadline.AddDays(1).ToDateTime(new TimeOnly(0, 10), DateTimeKind.Utc).AddHours(-8));
                    break;
                case NeedStatus.Closed:
                    need.Close(Pick(NeedCloseReasons), at.AddHours(U(2, 48)));
                    foreach (var (p, _) in proposals) p.Status = ProposalStatus.NotPicked;
                    break;
                case NeedStatus.Docked:
                    var (picked, pickedItem) = Pick(proposals);
                    var dockedAt = at.AddHours(U(2, 72));
                    if (dockedAt >= _now) dockedAt = at.AddMinutes(30) < _now ? at.AddMinutes(30) : _now.AddMinutes(-1);
                    need.Dock(picked.Id, dockedAt);
                    foreach (var (p, _) in proposals) p.Status = p == picked ? ProposalStatus.Picked : ProposalStatus.NotPicked;
                    var requestState = StateAfter(dockedAt);
                    var request = await AddRequestAsync(requestState, pickedItem, enterprise, dockedAt, EndAfter(requestState, dockedAt),
                        $"【需求对接】{need.Title}\n{need.Description}\n选定方案：{picked.Scope}", "由企业需求选定方案生成");
                    need.ServiceRequestId = request.Id;
                    break;
            }
            await _sink.MaybeFlushAsync();
        }
        return count;
    }

    // ---- activities ----

    private async Task<int> AddActivitiesAsync(int held, int upcoming, int cancelled, List<Institution> institutions)
    {
        var general = institutions.Where(i => i.Kind == InstitutionKind.General).ToList();
        for (var i = 0; i < held + upcoming + cancelled; i++)
        {
            var isHeld = i < held;
            var isUpcoming = !isHeld && i < held + upcoming;
            var day = isHeld ? Day(_now.AddDays(-U(2, Years * 365))) : isUpcoming ? Day(_now.AddDays(U(3, 45))) : Day(_now.AddDays(-U(-20, Years * 365)));
            var starts = day.ToDateTime(new TimeOnly(Chance(0.6) ? 9 : 14, Chance(0.5) ? 0 : 30), DateTimeKind.Utc).AddHours(-8);
            var type = (ActivityType)_random.Next(7);
            var byInstitution = general.Count > 0 && Chance(0.2) ? Pick(general) : null;
            var region = byInstitution?.RegionCode ?? (Chance(0.3) ? RegionCodes.City : Region());
            var organiser = byInstitution?.Name ?? (region == RegionCodes.City ? "衡阳市中小企业服务中心" : RegionCodes.NameOf(region) + "中小企业服务中心");
            var created = starts.AddDays(-U(20, 40));
            if (created > _now) created = _now.AddDays(-1);
            var activity = new Activity
            {
                Id = Guid.NewGuid(), Type = type, Title = $"{RegionCodes.NameOf(region)}{Pick(ArticleTopics)}{ActivityLabels.Label(type)}",
                Description = $"<p>{Pick(Sentences)}{Pick(Sentences)}</p>", OrganiserName = organiser, InstitutionId = byInstitution?.Id, RegionCode = region,
                StartsAt = starts, EndsAt = starts.AddHours(Chance(0.7) ? 3 : 6), Venue = type == ActivityType.LiveStream ? null : RegionCodes.NameOf(region) + "政务服务中心会议室",
                OnlineLink = type == ActivityType.LiveStream ? "https://live.example.cn/qifu" : null, Capacity = 30 + _random.Next(200), Reserved = Chance(0.2) ? 5 : 0,
                RegistrationOpensAt = created.AddDays(1), RegistrationClosesAt = starts.AddMinutes(-30), IsPublicInterest = _random.Next(50) != 0,
                RequiresApproval = Chance(0.1), CreatedAt = created, UpdatedAt = created,
            };
            if (byInstitution is not null) activity.SubmitForReview(created.AddHours(2));
            activity.Publish(created.AddHours(U(3, 20)));
            _sink.Add(activity); // before its registrations (the foreign key); finished below, before the next flush
            var taken = 0;
            if (isHeld || isUpcoming) taken = AddRegistrations(activity, isHeld);
            TakenProperty.SetValue(activity, taken);
            if (isHeld)
            {
                var finished = activity.EndsAt.AddHours(U(0.5, 30));
                activity.Finish(finished < _now ? finished : _now);
            }
            else if (!isUpcoming)
            {
                var at = activity.PublishedAt!.Value.AddDays(U(1, 10));
                activity.Cancel("因场地调整，本次活动取消，后续另行通知。", at < _now ? at : _now.AddMinutes(-1));
            }
            await _sink.MaybeFlushAsync();
        }
        return held + upcoming + cancelled;
    }

    /// <summary>Registrations as the register and check-in flows leave them: distinct enterprises (mostly of the activity's region),
    /// seats up to the places on offer (the rest waitlisted), check-ins at the door and feedback afterwards for a held one; walk-ins.
    /// Returns the seats taken.</summary>
    private int AddRegistrations(Activity a, bool held)
    {
        var wanted = held ? _random.Next(8, 45) : _random.Next(0, 20);
        var opens = a.RegistrationOpensAt;
        var closes = held ? a.RegistrationClosesAt : (_now < a.RegistrationClosesAt ? _now : a.RegistrationClosesAt);
        if (closes <= opens) return 0;
        var used = new HashSet<Guid>();
        var taken = 0;
        for (var k = 0; k < wanted * 2 && used.Count < wanted; k++)
        {
            var at = opens + (closes - opens) * _random.NextDouble();
            var e = EnterpriseBefore(at);
            if (e.ApprovedAt > at || (e.RegionCode != a.RegionCode && a.RegionCode != RegionCodes.City && Chance(0.6)) || !used.Add(e.Id)) continue;
            var seats = Weighted((1, 6), (2, 3), (3, 1));
            var status = taken + seats > a.Available ? ActivityRegistrationStatus.Waitlisted
                : Chance(0.04) ? ActivityRegistrationStatus.Cancelled
                : a.RequiresApproval && !held && Chance(0.4) ? ActivityRegistrationStatus.Pending : ActivityRegistrationStatus.Registered;
            var r = new ActivityRegistration
            {
                ActivityId = a.Id, EnterpriseId = e.Id, EnterpriseName = e.Name, RegionCode = e.RegionCode, Status = status, Code = RegistrationCode(),
                Seats = seats, CreatedAt = at,
                Attendees = Enumerable.Range(0, seats).Select(n => new Attendee { Name = n == 0 ? e.ContactName : Person(), Phone = n == 0 ? e.ContactPhone : Phone(), Position = Pick(Positions) }).ToList(),
            };
            if (r.HoldsSeats) taken += seats;
            if (status == ActivityRegistrationStatus.Cancelled)
            {
                var cancelledAt = at.AddHours(U(1, 48));
                r.CancelledAt = cancelledAt < closes ? cancelledAt : closes;
            }
            if (held && status == ActivityRegistrationStatus.Registered && Chance(0.82))
            {
                r.CheckedInAt = a.StartsAt.AddMinutes(-U(5, 30));
                r.CheckedInBy = "签到工作人员";
                if (Chance(0.55))
                {
                    r.Feedback = Weighted((Satisfaction.VerySatisfied, 50), (Satisfaction.Satisfied, 32), (Satisfaction.Neutral, 12), (Satisfaction.Dissatisfied, 5), (Satisfaction.VeryDissatisfied, 1));
                    r.FeedbackComment = Pick(Feedbacks) is { Length: > 0 } c ? c : null;
                    r.FeedbackAt = a.EndsAt.AddHours(U(0.5, 48));
                }
            }
            _sink.Add(r);
        }
        // Walk-ins added at the door (no enterprise account): checked in on arrival.
        for (var w = held ? _random.Next(0, 3) : 0; w > 0; w--)
        {
            var at = a.StartsAt.AddMinutes(U(-20, 30));
            var person = Person();
            _sink.Add(new ActivityRegistration
            {
                ActivityId = a.Id, EnterpriseName = $"{Pick(Brands)}{Pick(Trades).Trade}个体户", Status = ActivityRegistrationStatus.Registered, Code = RegistrationCode(),
                Seats = 1, IsWalkIn = true, CreatedAt = at, CheckedInAt = at, CheckedInBy = "签到工作人员",
                Attendees = [new Attendee { Name = person, Phone = Phone(), Position = "负责人" }],
            });
        }
        return taken;
    }

    // ---- articles ----

    private async Task<int> AddArticlesAsync(int published, int unpublished)
    {
        // In time order, so an interpretation can point at a policy published before it.
        var times = Enumerable.Range(0, published).Select(_ => _now.AddMinutes(-U(60, Years * 365 * 24 * 60))).OrderBy(t => t).ToList();
        var policies = new List<(Guid Id, DateTime At)>();
        for (var i = 0; i < published + unpublished; i++)
        {
            var live = i < published;
            var at = live ? times[i] : _now.AddDays(-U(0.1, 20));
            var kind = Weighted((ArticleKind.News, 55), (ArticleKind.Notice, 20), (ArticleKind.Policy, 10), (ArticleKind.Interpretation, 8), (ArticleKind.Case, 7));
            var region = _random.Next(3) == 0 ? RegionCodes.City : Region();
            var topic = Pick(ArticleTopics);
            var column = kind switch
            {
                ArticleKind.News => region == RegionCodes.City ? "work" : "county",
                ArticleKind.Notice => Chance(0.4) ? "apply" : "notice",
                _ => ArticleColumns.DefaultOf(kind),
            };
            var paragraphs = Enumerable.Range(0, 3 + _random.Next(5)).Select(_ => $"<p>{Pick(Sentences)}{Pick(Sentences)}</p>");
            var article = new Article
            {
                Id = Guid.NewGuid(), Kind = kind, Column = column, RegionCode = region,
                Title = $"{RegionCodes.NameOf(region)}{topic}{Pick(ArticleEvents)}", Summary = Pick(Sentences),
                Body = string.Concat(paragraphs), Source = RegionCodes.NameOf(region) + "中小企业服务中心", Author = Person(), CreatedAt = at.AddHours(-U(1, 48)),
                ViewCount = live ? _random.Next(2_000) : 0,
            };
            if (kind == ArticleKind.Policy) article.Policy = PolicyFor(region, at, i);
            if (kind == ArticleKind.Interpretation && policies.Count > 0)
            {
                var (policyId, _) = policies[Math.Max(0, policies.Count - 1 - _random.Next(Math.Min(50, policies.Count)))];
                article.InterpretsPolicyId = policyId;
            }
            if (live)
            {
                article.Publish(at, at);
                article.MarkAnnounced(at);
                if (kind == ArticleKind.Policy) policies.Add((article.Id, at));
                article.IsPinned = i >= published - 20 && Chance(0.2);
            }
            else
            {
                switch (_random.Next(10))
                {
                    case < 6: break; // draft
                    case < 8:
                        article.SubmitForReview(at);
                        break;
                    default:
                        article.Publish(at, at);
                        article.MarkAnnounced(at);
                        article.Withdraw("内容需要更新，暂时撤回。", at.AddHours(U(1, 48)) < _now ? at.AddHours(1) : _now);
                        break;
                }
            }
            _sink.Add(article);
            await _sink.MaybeFlushAsync();
        }
        return published + unpublished;
    }

    /// <summary>Policy metadata as the editor's form fills it: document number, issuer, validity, level, theme, support type and who it
    /// applies to (sizes, industries, regions, qualifications), an application window for funding policies.</summary>
    private PolicyDetails PolicyFor(string region, DateTime at, int i)
    {
        var issued = Day(at);
        var level = region == RegionCodes.City ? Weighted((PolicyLevel.City, 8), (PolicyLevel.Province, 1), (PolicyLevel.National, 1)) : PolicyLevel.County;
        var issuer = level switch
        {
            PolicyLevel.National => "工业和信息化部",
            PolicyLevel.Province => "湖南省工业和信息化厅",
            PolicyLevel.City => "衡阳市工业和信息化局",
            _ => RegionCodes.NameOf(region) + "工业和信息化局",
        };
        var support = Pick(PolicyTerms.SupportTypes);
        var funding = support == "资金支持类";
        var repealed = at < _now.AddYears(-3) && Chance(0.3);
        return new PolicyDetails
        {
            IndexNumber = $"{region}-{issued:yyyy}-{i:000000}", Issuer = issuer, DocumentNumber = $"{issuer[..Math.Min(2, issuer.Length)]}发〔{issued:yyyy}〕{1 + i % 90}号",
            WrittenOn = issued.AddDays(-_random.Next(3, 20)), IssuedOn = issued, Validity = repealed ? PolicyValidity.Repealed : PolicyValidity.Current,
            ValidFrom = issued, ValidUntil = Chance(0.6) ? issued.AddYears(_random.Next(2, 6)) : null, Level = level, Theme = Pick(PolicyTerms.Themes), SupportType = support,
            SizeClasses = Chance(0.4) ? "Small,Micro" : "", IndustrySections = Chance(0.3) ? "C" : Chance(0.1) ? "I,L" : "",
            Regions = level == PolicyLevel.County ? region : RegionCodes.City, Qualifications = Chance(0.1) ? "zjtx" : "",
            OtherConditions = Chance(0.3) ? "上年度研发投入占营业收入比例不低于3%" : "",
            ApplyFrom = funding ? issued.AddDays(10) : null, ApplyUntil = funding ? issued.AddDays(_random.Next(30, 60)) : null,
        };
    }

    // ---- 需求摸排 ----

    /// <param name="slices">At scale N there are N cities' worth of enterprises and of batches: each batch asks one slice of the
    /// enterprises (one city's worth), so responses grow linearly with N, not with N².</param>
    private async Task<int> AddSurveysAsync(int questionnaireCount, int batchCount, int slices)
    {
        var questionnaires = new List<(Questionnaire Q, List<SurveyQuestion> Questions)>();
        for (var i = 0; i < questionnaireCount; i++)
        {
            var created = _now.AddDays(-Years * 365 - 20 + i);
            var definition = Modules.Surveys.DemoSurveys.Definition();
            var q = new Questionnaire
            {
                Id = Guid.NewGuid(), Title = i == 0 ? "企业经营与服务需求摸排" : $"企业经营与服务需求摸排（第{i + 1}版）", RegionCode = RegionCodes.City, CreatedAt = created, UpdatedAt = created,
                Description = "为精准了解全市中小企业的经营状况和服务需求，市中小企业服务中心按季度开展需求摸排。所填信息仅用于组织服务，不对外公开。",
            };
            q.SetDefinition(definition, created);
            _sink.Add(q);
            questionnaires.Add((q, definition.Questions.ToList()));
        }
        var responses = 0;
        for (var b = 0; b < batchCount; b++)
        {
            var last = b == batchCount - 1;
            // Spread over the five years; the latest one is still open for answers.
            var opens = last ? _now.AddDays(-U(3, 8)) : _now.AddDays(-Years * 365 * (batchCount - b) / (batchCount + 0.5) + U(0, 10));
            var closes = last ? _now.AddDays(U(10, 20)) : opens.AddDays(21);
            var (questionnaire, questions) = questionnaires[b % questionnaires.Count];
            var county = Region();
            var (regionCode, regions, industries, sizes, label) = (b % 4) switch
            {
                0 => (RegionCodes.City, "", "C", "", "制造业"),
                1 => (county, county, "", "", RegionCodes.NameOf(county)),
                2 => (RegionCodes.City, "", "", ((int)SizeClass.Micro).ToString(CultureInfo.InvariantCulture), "微型"),
                _ => (county, county, "", $"{(int)SizeClass.Small},{(int)SizeClass.Micro}", RegionCodes.NameOf(county) + "小微"),
            };
            var year = Day(opens).Year;
            var batch = new SurveyBatch
            {
                Id = Guid.NewGuid(), QuestionnaireId = questionnaire.Id, Title = $"{year}年第{1 + (Day(opens).Month - 1) / 3}批 {label}企业需求摸排", RegionCode = regionCode,
                AudienceRegions = regions, AudienceIndustries = industries, AudienceSizes = sizes, CreatedAt = opens.AddDays(-2), UpdatedAt = opens, ClosesAt = closes,
            };
            if (last) batch.Open(opens);
            else batch.RanBetween(opens, closes);
            _sink.Add(batch);
            var answeredUntil = last ? _now : closes;
            var share = last ? 0.12 : 0.3;
            // The audience rule of SurveyBatch.Includes, with the lists parsed once (it is asked for every enterprise).
            var inRegions = batch.Regions.ToHashSet();
            var inIndustries = batch.Industries.ToHashSet();
            var inSizes = batch.Sizes.ToHashSet();
            for (var n = b % slices; n < _enterprises.Count; n += slices)
            {
                var e = _enterprises[n];
                if (e.ApprovedAt > answeredUntil) break;
                if ((inRegions.Count > 0 && !inRegions.Contains(e.RegionCode)) || (inIndustries.Count > 0 && !inIndustries.Contains(e.IndustrySection))
                    || (inSizes.Count > 0 && !inSizes.Contains(e.SizeClass)) || !Chance(share)) continue;
                var from = e.ApprovedAt > opens ? e.ApprovedAt.Value : opens;
                var submitted = from + (answeredUntil - from) * _random.NextDouble();
                AddResponse(batch, questions, e, submitted);
                responses++;
                await _sink.MaybeFlushAsync();
            }
        }
        return responses;
    }

    private void AddResponse(SurveyBatch batch, List<SurveyQuestion> q, Enterprise e, DateTime submitted)
    {
        var response = new SurveyResponse
        {
            Id = Guid.NewGuid(), BatchId = batch.Id, EnterpriseId = e.Id, EnterpriseName = e.Name, RegionCode = e.RegionCode, IndustrySection = e.IndustrySection,
            SizeClass = e.SizeClass, SubmittedAt = submitted, UpdatedAt = submitted, Version = 1,
        };
        _sink.Add(response);
        void A(SurveyQuestion question, string? option = null, string? row = null, string? text = null, decimal? number = null) => _sink.Add(new SurveyAnswer
        {
            ResponseId = response.Id, BatchId = batch.Id, RegionCode = e.RegionCode, IndustrySection = e.IndustrySection, SizeClass = e.SizeClass,
            QuestionKey = question.Key, OptionKey = option, RowKey = row, Text = text, Number = number,
        });
        // The demo questionnaire: trend, staff, satisfaction matrix, needed services (≤ 3, or 其他), finance need and amount, activity, difficulties.
        A(q[0], q[0].Options[Weighted((0, 8), (1, 25), (2, 40), (3, 20), (4, 7))].Key);
        A(q[1], number: e.Employees);
        foreach (var row in q[2].Rows) A(q[2], q[2].Columns[Weighted((0, 70), (1, 24), (2, 6))].Key, row.Key);
        foreach (var option in q[3].Options.OrderBy(_ => _random.Next()).Take(1 + _random.Next(3))) A(q[3], option.Key);
        if (Chance(0.05)) A(q[3], SurveyDefinition.OtherKey, text: "厂房和用地");
        var finance = Weighted((0, 30), (1, 20), (2, 5), (3, 45));
        A(q[4], q[4].Options[finance].Key);
        if (finance < 3) A(q[5], number: new[] { 50m, 300m, 800m }[finance] + _random.Next(0, 20) * 10);
        if (Chance(0.5)) A(q[6], text: Pick(SurveyActivities));
        if (Chance(0.3)) A(q[7], text: Pick(SurveyDifficulties));
    }

    // ---- 无还本续贷 ----

    private async Task<int> AddRenewalsAsync(int count, List<Institution> institutions)
    {
        var banks = institutions.Where(i => i.Kind == InstitutionKind.Bank).ToList();
        if (banks.Count == 0) return 0;
        for (var i = 0; i < count; i++)
        {
            var target = Weighted((RenewalStatus.Submitted, 5), (RenewalStatus.Incomplete, 4), (RenewalStatus.Resubmitted, 2), (RenewalStatus.Accepted, 2),
                (RenewalStatus.PushedToBank, 4), (RenewalStatus.DueDiligence, 4), (RenewalStatus.Approved, 4), (RenewalStatus.Disbursed, 55),
                (RenewalStatus.Rejected, 11), (RenewalStatus.Withdrawn, 9));
            // Cases still under way are recent; the longest path takes about two weeks.
            double minAge = target switch
            {
                RenewalStatus.Submitted => 0.1, RenewalStatus.Incomplete => 1.5, RenewalStatus.Resubmitted => 5, RenewalStatus.Accepted => 1.5,
                RenewalStatus.PushedToBank => 2, RenewalStatus.DueDiligence => 6, RenewalStatus.Approved => 11, _ => 30,
            };
            var t = target is RenewalStatus.Disbursed or RenewalStatus.Rejected or RenewalStatus.Withdrawn ? AnyTime(minAge) : WorkTime(minAge, minAge + 12);
            var e = EnterpriseBefore(t);
            if (e.ApprovedAt > t) t = e.ApprovedAt.Value.AddDays(1);
            var bank = Pick(banks);
            var day = Day(t);
            var loan = 10_000L * _random.Next(20, 1_000);
            var requested = Chance(0.85) ? loan : loan / 10_000 * 8_000;
            var term = Pick(new[] { 12, 12, 24, 36 });
            var c = new RenewalCase
            {
                Id = Guid.NewGuid(), Number = NumberFor("XD", day), EnterpriseId = e.Id, EnterpriseName = e.Name, CreditCode = e.CreditCode, RegionCode = e.RegionCode,
                BankId = bank.Id, BankName = bank.Name, ContractNumber = $"HY{day:yyyy}-{_random.Next(1000, 9999)}-{i:00000}", LoanAmount = loan,
                MaturityOn = day.AddDays(_random.Next(15, 70)), Purpose = Pick(LoanPurposes), RequestedAmount = requested, RequestedTermMonths = term,
                ContactName = e.ContactName, ContactPhone = e.ContactPhone, CreatedAt = t.AddHours(-U(0.5, 30)),
            };
            c.MarkShortNotice(c.MaturityOn.DayNumber - day.DayNumber < 30);
            var me = new RenewalActor(RenewalParty.Enterprise, null, e.ContactName);
            var desk = new RenewalActor(RenewalParty.Desk, null, Person());
            var banker = new RenewalActor(RenewalParty.Bank, null, Person());
            _sink.Add(c);
            _sink.Add(new RenewalEvent
            {
                Id = Guid.NewGuid(), CaseId = c.Id, At = c.CreatedAt, Action = "create", FromStatus = RenewalStatus.Draft, ToStatus = RenewalStatus.Draft,
                Party = RenewalParty.Enterprise, ActorName = me.Name, Comment = "上传申请材料",
            });
            var consent = new DataSharingConsent
            {
                Id = Guid.NewGuid(), EnterpriseId = e.Id, UserId = Guid.Empty, RecipientKind = "bank", RecipientId = bank.Id, RecipientName = bank.Name,
                Purpose = Modules.LoanRenewal.Apply.ApplyHandler.PurposeOf(bank.Name), Fields = Modules.LoanRenewal.Apply.ApplyHandler.SharedFields, GivenAt = t,
            };
            _sink.Add(consent);
            await AddRenewalStepsAsync(c, target, consent.Id, t, me, desk, banker);
            await _sink.MaybeFlushAsync();
        }
        return count;
    }

    private async Task AddRenewalStepsAsync(RenewalCase c, RenewalStatus target, Guid consentId, DateTime t, RenewalActor me, RenewalActor desk, RenewalActor banker)
    {
        _sink.Add(c.Submit(consentId, await DueAsync(t, 2), null, me, t));
        if (target == RenewalStatus.Submitted) return;
        var returned = target is RenewalStatus.Incomplete or RenewalStatus.Resubmitted || (target is RenewalStatus.Disbursed or RenewalStatus.Rejected && Chance(0.15));
        if (returned)
        {
            _sink.Add(c.ReturnForCompletion([new Correction("bank-statements", "缺少近6个月基本户流水，请加盖银行业务章后上传")], null, desk, t = t.AddHours(U(4, 30))));
            if (target == RenewalStatus.Incomplete) return;
            _sink.Add(c.Submit(null, await DueAsync(t = t.AddDays(U(1, 3)), 2), "已补充银行流水", me, t));
            if (target == RenewalStatus.Resubmitted) return;
        }
        if (target == RenewalStatus.Withdrawn)
        {
            _sink.Add(c.Withdraw("已通过其他方式筹措资金，撤回续贷申请。", me, t.AddHours(U(2, 48))));
            return;
        }
        _sink.Add(c.Accept(await DueAsync(t = t.AddHours(U(4, 30)), 1), "材料齐全", desk, t));
        if (target == RenewalStatus.Accepted) return;
        _sink.Add(c.Forward(await DueAsync(t = t.AddHours(U(1, 6)), 10), null, desk, t));
        if (target == RenewalStatus.PushedToBank) return;
        _sink.Add(c.RecordDueDiligence(Day(t = t.AddDays(U(1, 4))), Pick(Diligence), banker, t));
        if (target == RenewalStatus.DueDiligence) return;
        t = t.AddDays(U(1, 5));
        if (target == RenewalStatus.Rejected)
        {
            _sink.Add(c.Decline("近一年销售收入下降超过40%，经营现金流不足以覆盖新贷款，建议对接应急转贷资金或政府性融资担保", banker, t));
            return;
        }
        var approved = Chance(0.9) ? c.RequestedAmount : c.RequestedAmount / 10_000 * 9_000;
        _sink.Add(c.Approve(approved, c.RequestedTermMonths, c.ContractNumber + "-XD", "利率与原贷款一致", banker, t));
        if (target == RenewalStatus.Approved) return;
        _sink.Add(c.Disburse(Day(t = t.AddDays(U(1, 5))), "新贷款已发放并结清原贷款", banker, t));
    }
}
