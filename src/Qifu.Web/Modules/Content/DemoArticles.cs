using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Content;

/// <summary>
/// Hengyang demo articles and policies (demo mode only; written for this project, the units and document numbers are
/// made up). Some policies fit the demo enterprises: 衡阳恒远机械制造有限公司 (珠晖区, 制造业, 专精特新) and 衡阳市珠晖区云帆软件科技有限公司
/// (珠晖区, 软件和信息技术服务业, 科技型中小企业).
/// </summary>
public static class DemoArticles
{
    private sealed record Demo(ArticleKind Kind, string Column, string Region, string Title, string Source, params string[] Paragraphs);

    private static readonly Demo[] Articles =
    [
        new(ArticleKind.News, "work", RegionCodes.City, "市中小企业服务中心召开2026年度服务机构座谈会", "市中小企业服务中心",
            "11月20日，市中小企业服务中心组织全市32家入驻服务机构召开年度座谈会，总结平台运行情况，听取机构对服务超市、服务评价和需求派单的意见。",
            "会议通报，今年以来平台新增服务项目240余项，办结服务申请1100余件，企业评价满意率保持在95%以上。下一步将重点推进服务包和县区分站建设。"),
        new(ArticleKind.News, "work", RegionCodes.City, "“中小企业服务月”活动在衡阳启动", "市工业和信息化局",
            "为进一步优化营商环境，我市“中小企业服务月”活动正式启动。活动期间将开展政策宣讲、融资对接、法律体检和管理诊断等服务40余场。",
            "各县市区将结合本地产业特点，组织服务机构上门走访企业，帮助企业解决用工、融资和市场开拓方面的实际困难。"),
        new(ArticleKind.News, "work", RegionCodes.City, "市中小企业服务中心走访高新区专精特新企业", "市中小企业服务中心",
            "服务中心负责同志带队走访衡阳高新区5家专精特新企业，实地了解企业研发投入、人才引进和市场拓展情况。",
            "走访中，服务中心现场解答了企业关于省级专精特新认定、研发费用加计扣除等政策问题，并将企业提出的3项需求录入平台派单跟踪。"),
        new(ArticleKind.News, "work", RegionCodes.City, "我市举办中小企业数字化转型专题培训", "市中小企业服务中心",
            "本次培训邀请省内数字化服务商讲解工业互联网平台应用、生产设备上云和数据安全管理，全市120余家中小企业负责人参加。",
            "培训结束后，16家企业当场提交了数字化诊断申请，服务中心将组织服务机构在一个月内完成上门诊断。"),
        new(ArticleKind.News, "work", RegionCodes.City, "银企对接会为中小企业授信超过3亿元", "市中小企业服务中心",
            "由市中小企业服务中心联合多家合作银行举办的银企对接会在市会展中心举行，现场签约授信金额3.2亿元。",
            "合作银行推介了无还本续贷、科技贷、税易贷等产品，平台续贷受理中心同步开设咨询窗口，为企业提供材料预审服务。"),
        new(ArticleKind.News, "work", RegionCodes.City, "平台服务评价回访机制运行良好", "市中小企业服务中心",
            "自平台上线差评回访机制以来，所有“不满意”评价均在规定时限内完成回访，回访后企业问题解决率达到九成。",
            "服务中心将继续对服务机构实行评价公示和季度通报，推动服务质量持续提升。"),
        new(ArticleKind.News, "work", RegionCodes.City, "市中小企业服务中心开展法律服务进企业活动", "市中小企业服务中心",
            "活动组织6家律师事务所走进工业园区，为企业开展合同风险、劳动用工和知识产权保护等方面的“法律体检”。",
            "律师团队累计为企业审查合同80余份，提出修改建议200余条，企业普遍反映服务实在、针对性强。"),
        new(ArticleKind.News, "work", RegionCodes.City, "衡阳市中小企业公共服务平台县区分站全部开通", "市中小企业服务中心",
            "随着常宁市分站上线，全市12个县市区和2个园区的服务分站已全部开通，企业可在本地分站查看通知公告、参加活动、申请服务。",
            "各分站与市平台共用一个服务目录和一套账号体系，数据按属地管理，市级统一调度。"),
        new(ArticleKind.News, "county", "430405", "珠晖区举办中小企业用工对接会", "珠晖区工业和信息化局",
            "珠晖区组织辖区28家中小企业与职业院校开展用工对接，现场达成就业意向180余人。",
            "区中小企业服务分站将持续跟踪企业用工需求，定期发布岗位信息。"),
        new(ArticleKind.News, "county", "430405", "珠晖区服务分站为企业上门办理续贷咨询", "珠晖区中小企业服务分站",
            "针对部分企业流动资金贷款即将到期的情况，珠晖区服务分站联合合作银行上门开展续贷政策讲解。",
            "分站工作人员帮助5家企业梳理了续贷材料，其中3家已提交续贷申请。"),
        new(ArticleKind.News, "county", "430421", "衡阳县召开农产品加工企业座谈会", "衡阳县工业和信息化局",
            "衡阳县组织茶叶、粮油和畜禽加工企业召开座谈会，听取企业在品牌建设、冷链物流和融资方面的诉求。",
            "县中小企业服务分站将对企业诉求逐条建立台账，按月跟踪办理进度。"),
        new(ArticleKind.News, "county", "430422", "衡南县开展“送政策进园区”宣讲", "衡南县工业和信息化局",
            "衡南县组织政策宣讲团走进工业园区，解读中小企业税费优惠、稳岗返还和技术改造补贴等政策。",
            "宣讲会后，园区企业通过平台提交政策咨询20余条，分站已逐一答复。"),
        new(ArticleKind.News, "county", "430481", "耒阳市服务分站组织企业参加省级展会", "耒阳市中小企业服务分站",
            "耒阳市服务分站组织8家企业参加省中小企业产品博览会，展出矿山机械、纸制品和特色农产品。",
            "参展企业现场签订意向合同金额1200余万元。"),
        new(ArticleKind.News, "county", "430482", "常宁市召开中小企业融资服务推进会", "常宁市工业和信息化局",
            "常宁市召开融资服务推进会，通报一季度中小企业贷款投放情况，部署政府性融资担保业务扩面工作。",
            "会议要求各合作银行简化审批流程，对首贷户和信用贷款给予重点支持。"),
        new(ArticleKind.News, "county", "430423", "衡山县推进竹木制品企业技术改造", "衡山县工业和信息化局",
            "衡山县组织竹木制品企业参观省内同行先进生产线，推动企业实施自动化改造。",
            "县服务分站协调服务机构为4家企业编制技术改造方案，预计可提升产能三成。"),
        new(ArticleKind.News, "county", "430472", "衡阳高新区举办科技型中小企业评价辅导会", "衡阳高新区经济发展局",
            "高新区邀请科技服务机构为园区企业讲解科技型中小企业评价入库的条件、指标和填报要点。",
            "辅导会后，30余家企业完成了自评，服务机构将提供一对一的材料辅导。"),
        new(ArticleKind.Notice, "notice", RegionCodes.City, "关于平台系统升级维护的通知", "市中小企业服务中心",
            "因系统升级需要，平台将于本周六22:00至次日6:00暂停服务，期间无法登录和提交申请。",
            "已提交的服务申请不受影响，办理时限相应顺延。给您带来的不便，敬请谅解。"),
        new(ArticleKind.Notice, "notice", RegionCodes.City, "关于公布2026年第三季度服务机构评价结果的通知", "市中小企业服务中心",
            "根据平台服务评价和回访情况，现将第三季度服务机构评价结果予以公布，评价结果将作为核心服务机构认定的重要依据。",
            "对评价靠后的机构，服务中心将约谈提醒并跟踪整改。"),
        new(ArticleKind.Notice, "notice", RegionCodes.City, "关于征集中小企业公共服务需求的通知", "市中小企业服务中心",
            "为精准提供服务，现面向全市中小企业征集融资、用工、数字化、法律和市场开拓等方面的服务需求。",
            "企业可登录平台“需求发布”栏目填报，服务中心将在5个工作日内对接服务机构。"),
        new(ArticleKind.Notice, "notice", RegionCodes.City, "关于开展服务机构入驻年度复核的通知", "市中小企业服务中心",
            "请已入驻平台的服务机构于12月31日前登录平台核对机构信息，上传最新的营业执照和资质证明。",
            "逾期未复核的机构，其服务项目将暂停展示。"),
        new(ArticleKind.Notice, "notice", "430405", "珠晖区服务分站办公地址变更公告", "珠晖区中小企业服务分站",
            "珠晖区中小企业服务分站自下月起迁至区政务服务中心三楼办公，咨询电话不变。",
            "企业也可继续通过平台在线提交申请。"),
        new(ArticleKind.Notice, "notice", "430421", "衡阳县关于开展中小企业用工情况调查的通知", "衡阳县工业和信息化局",
            "请辖区规模以上工业企业和重点中小企业于本月底前填报用工情况调查表。",
            "调查结果将用于制定稳岗和技能培训支持措施。"),
        new(ArticleKind.Notice, "apply", RegionCodes.City, "关于组织申报2026年度市级专精特新中小企业的通知", "市工业和信息化局",
            "现组织开展2026年度市级专精特新中小企业申报工作，请符合条件的企业登录平台查看申报条件并准备材料。",
            "申报截止时间以政策页面公布的为准，各县市区工信部门负责初审推荐。"),
        new(ArticleKind.Notice, "apply", RegionCodes.City, "关于申报中小企业数字化转型补助资金的通知", "市工业和信息化局",
            "为支持中小企业数字化转型，现组织申报补助资金，重点支持生产设备联网、管理系统上云和数据分析应用项目。",
            "请申报企业提供项目实施方案、合同和发票等材料。"),
        new(ArticleKind.Notice, "apply", "430405", "珠晖区关于申报小微企业创业担保贷款贴息的通知", "珠晖区人力资源和社会保障局",
            "辖区符合条件的小微企业可申请创业担保贷款贴息，贷款额度最高300万元。",
            "请企业携带营业执照、用工证明等材料到区就业服务中心办理。"),
        new(ArticleKind.Case, "case", RegionCodes.City, "恒远机械：“无还本续贷”解了燃眉之急", "市中小企业服务中心",
            "衡阳恒远机械制造有限公司一笔800万元流动资金贷款即将到期，通过平台续贷受理中心对接合作银行，在原贷款到期前完成无还本续贷。",
            "企业负责人说，过去转贷要四处筹钱“过桥”，现在不用先还本金，省下了不少成本。"),
        new(ArticleKind.Case, "case", RegionCodes.City, "云帆软件：从服务超市找到财税顾问", "市中小企业服务中心",
            "衡阳市珠晖区云帆软件科技有限公司成立不久，财务制度不健全。企业在平台服务超市申请了代理记账和税务筹划服务。",
            "服务机构帮助企业规范了账务，并指导企业享受了研发费用加计扣除政策。"),
        new(ArticleKind.Case, "case", RegionCodes.City, "惠民超市：法律体检规避合同风险", "市中小企业服务中心",
            "衡阳市惠民超市有限公司参加法律服务进企业活动，律师在审查供货合同时发现多处违约责任约定不清。",
            "企业根据建议修改了合同模板，此后与供应商的纠纷明显减少。"),
        new(ArticleKind.Case, "case", RegionCodes.City, "智联物流：数字化诊断让车队调度更高效", "市中小企业服务中心",
            "衡阳蒸湘区智联物流有限公司通过平台申请数字化诊断，服务机构为其设计了车辆调度和货物追踪方案。",
            "方案实施后，车辆空驶率下降了约15%。"),
        new(ArticleKind.Case, "case", "430421", "金禾农业：政策匹配找到适用补贴", "衡阳县中小企业服务分站",
            "衡阳县金禾农业开发有限公司在平台查看“适用于我的政策”，发现了农产品初加工设备补贴政策。",
            "在分站指导下，企业按时提交了申报材料，获得设备补贴资金。"),
    ];

    private sealed record DemoPolicy(string Title, string Issuer, string DocNo, PolicyLevel Level, string Theme, string SupportType, string Region,
        string Sizes, string Sections, string Regions, string Quals, string Other, int ApplyUntilDays, string Body, bool Repealed = false);

    private static readonly DemoPolicy[] Policies =
    [
        new("衡阳市支持专精特新中小企业高质量发展若干措施", "衡阳市人民政府办公室", "衡政办发〔2026〕8号", PolicyLevel.City, "创新支持", "资金支持类", RegionCodes.City,
            "Small,Medium", "C", "430400", "zjtx", "上年度研发费用占营业收入比重不低于3%", 45,
            "对新认定的国家级专精特新“小巨人”企业、省级专精特新中小企业分别给予一次性奖励；对企业实施的技术改造项目，按设备投资额给予一定比例补助。"),
        new("衡阳市中小企业数字化转型补助资金管理办法", "衡阳市工业和信息化局", "衡工信发〔2026〕15号", PolicyLevel.City, "创新支持", "资金支持类", RegionCodes.City,
            "Small,Micro,Medium", "C,I,G", "430400", "", "数字化改造项目已完成验收", 20,
            "对中小企业实施的生产设备联网、管理系统上云等数字化改造项目，按实际投入给予补助，单个企业最高不超过50万元。"),
        new("衡阳市小微企业创业担保贷款贴息实施细则", "衡阳市财政局", "衡财金〔2026〕3号", PolicyLevel.City, "融资促进", "资金支持类", RegionCodes.City,
            "Small,Micro", "", "430400", "", "", 0,
            "符合条件的小微企业申请创业担保贷款的，按贷款市场报价利率的一定比例给予贴息，贴息期限最长不超过2年。"),
        new("衡阳市无还本续贷业务操作指引", "衡阳市地方金融监督管理局", "衡金发〔2025〕21号", PolicyLevel.City, "融资促进", "规范规划类", RegionCodes.City,
            "Small,Micro,Medium", "", "430400", "", "贷款到期前无逾期、欠息记录", 0,
            "对生产经营正常、贷款到期后仍有融资需求但临时资金周转困难的中小企业，合作银行可在贷款到期前办理无还本续贷。"),
        new("湖南省科技型中小企业研发奖补实施办法", "湖南省科学技术厅", "湘科发〔2026〕30号", PolicyLevel.Province, "创新支持", "资金支持类", RegionCodes.City,
            "", "", "", "kjxzx,gxjs", "已入库国家科技型中小企业信息库", 60,
            "对已入库的科技型中小企业和高新技术企业，按上年度研发投入增量给予奖补。"),
        new("湖南省中小企业稳岗扩岗支持政策", "湖南省人力资源和社会保障厅", "湘人社发〔2026〕12号", PolicyLevel.Province, "服务措施", "资金支持类", RegionCodes.City,
            "Small,Micro", "", "", "", "上年度未裁员或裁员率低于规定比例", 0,
            "对不裁员或少裁员的中小企业，按规定返还一定比例的失业保险费；对吸纳高校毕业生就业的，给予一次性扩岗补助。"),
        new("关于进一步实施小微企业所得税优惠政策的公告", "财政部 税务总局", "财政部 税务总局公告2026年第6号", PolicyLevel.National, "财税支持", "税费减免类", RegionCodes.City,
            "Small,Micro", "", "", "", "年应纳税所得额不超过300万元", 0,
            "对小型微利企业年应纳税所得额不超过规定金额的部分，减按规定比例计入应纳税所得额，按20%的税率缴纳企业所得税。"),
        new("研发费用税前加计扣除政策指引", "国家税务总局", "税总函〔2025〕44号", PolicyLevel.National, "财税支持", "税费减免类", RegionCodes.City,
            "", "C,I,M", "", "", "研发活动符合相关规定并单独归集研发费用", 0,
            "企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，再按实际发生额的100%在税前加计扣除。"),
        new("珠晖区促进工业企业技术改造奖励办法", "珠晖区人民政府", "珠政发〔2026〕5号", PolicyLevel.County, "创新支持", "资金支持类", "430405",
            "Small,Medium", "C", "430405", "", "技改设备投资额不低于200万元", 30,
            "对辖区工业企业实施的技术改造项目，按设备投资额的一定比例给予奖励。"),
        new("珠晖区软件和信息技术服务业扶持办法", "珠晖区人民政府", "珠政发〔2026〕9号", PolicyLevel.County, "创业扶持", "资金支持类", "430405",
            "Small,Micro", "I", "430405", "", "在珠晖区办公场所实际经营满一年", 40,
            "对在辖区注册并实际经营的软件和信息技术服务企业，给予办公场所租金补贴和人才引进补贴。"),
        new("衡阳县农产品加工企业扶持办法", "衡阳县人民政府", "衡县政发〔2026〕4号", PolicyLevel.County, "创业扶持", "资金支持类", "430421",
            "Small,Micro", "A,C", "430421", "", "", 50,
            "对县内新建或扩建农产品初加工、精深加工生产线的企业，按设备投资给予补贴。"),
        new("衡南县支持规模以上工业企业稳增长措施", "衡南县人民政府", "南政发〔2026〕7号", PolicyLevel.County, "综合政策", "资金支持类", "430422",
            "", "C", "430422", "gs", "", 25,
            "对当年产值增长达到规定幅度的规模以上工业企业给予奖励。"),
        new("衡阳市中小企业开拓国内外市场支持办法", "衡阳市商务局", "衡商发〔2026〕11号", PolicyLevel.City, "市场开拓", "资金支持类", RegionCodes.City,
            "Small,Micro,Medium", "C,F", "430400", "", "参展项目须经主管部门备案", 35,
            "对中小企业参加境内外重点展会的展位费给予补助，对首次开展跨境电商业务的企业给予一次性奖励。"),
        new("衡阳市中小企业知识产权保护工作指引", "衡阳市市场监督管理局", "衡市监发〔2026〕2号", PolicyLevel.City, "权益保护", "规范规划类", RegionCodes.City,
            "", "", "", "", "", 0,
            "明确中小企业商标、专利侵权纠纷的投诉渠道和处理时限，设立知识产权维权援助工作站。"),
        new("衡阳市促进中小企业发展专项资金管理办法（2019年版）", "衡阳市财政局", "衡财企〔2019〕9号", PolicyLevel.City, "综合政策", "资金支持类", RegionCodes.City,
            "", "", "430400", "", "", 0,
            "本办法已被新的专项资金管理办法替代，仅供查阅。", Repealed: true),
    ];

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock)
    {
        if (await db.Articles.AnyAsync()) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var n = 0;
        var policyIds = new List<(Guid Id, string Title)>();
        foreach (var p in Policies)
        {
            var at = now.AddDays(-3 - 4 * n++);
            var issued = DateOnly.FromDateTime(at.AddHours(8));
            var a = New(ArticleKind.Policy, "policy", p.Region, p.Title, p.Issuer, at, $"<p>{p.Body}</p><p>本政策自发布之日起施行，由{p.Issuer}负责解释。</p>");
            a.Policy = new PolicyDetails
            {
                IndexNumber = $"{p.Region}-{issued:yyyy}-{n:0000}", Issuer = p.Issuer, DocumentNumber = p.DocNo, WrittenOn = issued.AddDays(-5), IssuedOn = issued,
                Validity = p.Repealed ? PolicyValidity.Repealed : PolicyValidity.Current, ValidFrom = issued, ValidUntil = p.Repealed ? issued.AddDays(1) : issued.AddYears(3),
                Level = p.Level, Theme = p.Theme, SupportType = p.SupportType, SizeClasses = p.Sizes, IndustrySections = p.Sections, Regions = p.Regions,
                Qualifications = p.Quals, OtherConditions = p.Other, ApplyFrom = p.ApplyUntilDays > 0 ? issued : null,
                ApplyUntil = p.ApplyUntilDays > 0 ? DateOnly.FromDateTime(now.AddHours(8)).AddDays(p.ApplyUntilDays) : null,
            };
            db.Articles.Add(a);
            policyIds.Add((a.Id, p.Title));
        }
        var k = 0;
        foreach (var d in Articles)
        {
            var at = now.AddDays(-1 - 2 * k++).AddHours(-k);
            var a = New(d.Kind, d.Column, d.Region, d.Title, d.Source, at, string.Concat(d.Paragraphs.Select(p => $"<p>{p}</p>")));
            if (k == 1) a.IsPinned = true;
            db.Articles.Add(a);
        }
        // 政策解读 for the first three policies, linked both ways.
        foreach (var (id, title) in policyIds.Take(3))
        {
            var a = New(ArticleKind.Interpretation, "interpretation", RegionCodes.City, $"一图读懂《{title}》", "市中小企业服务中心", now.AddDays(-2 - k++),
                $"<p>《{title}》出台后，很多企业关心“我能不能享受、怎么申报”。本文从适用对象、支持内容和申报流程三个方面作简要解读。</p>" +
                "<h2>适用对象</h2><p>请对照政策页面列出的企业规模、行业、区域和资质条件自查，也可登录平台查看“适用于我的政策”。</p>" +
                "<h2>申报流程</h2><p>企业在申报期内准备材料，经属地工信部门初审后报市级复核，结果在平台公示。</p>");
            a.InterpretsPolicyId = id;
            db.Articles.Add(a);
        }
        await db.SaveChangesAsync();
    }

    private static Article New(ArticleKind kind, string column, string region, string title, string source, DateTime at, string body)
    {
        var a = new Article
        {
            Id = Guid.NewGuid(), Kind = kind, Column = column, RegionCode = region, Title = title, Source = source, Author = "",
            Body = body, Summary = Platform.Web.RichText.ToPlainText(body) is var t && t.Length > 80 ? t[..80] + "…" : Platform.Web.RichText.ToPlainText(body),
            CreatedAt = at, ViewCount = 20 + title.Length * 37 % 400,
        };
        a.Publish(at, at);
        a.MarkAnnounced(at);
        return a;
    }
}
