using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Platform.Demo;

/// <summary>
/// The demo 服务超市: a few hundred service items written for Hengyang across all eight categories, offered by the
/// approved demo institutions, plus a few in review, rejected and off the shelf, and two service packages.
/// </summary>
public sealed class DemoCatalogue(AppDbContext db, TimeProvider clock)
{
    /// <summary>Per sub-category: service names, what the service does (one sentence each), and what the enterprise gets.</summary>
    private sealed record Offer(string Sub, string[] Titles, string[] Points, string Deliverable);

    private static readonly Offer[] Offers =
    [
        new("政策解读", ["惠企政策“一对一”解读", "中小企业扶持政策清单梳理", "稳岗返还与社保补贴政策辅导", "制造业企业税费优惠政策宣讲"],
            ["对照企业所属行业和规模逐条梳理可享受的国家、省、市、区县政策", "说明申报条件、时间节点和所需材料", "提供政策原文和解读要点，避免错过申报窗口"], "企业适用政策清单及申报时间表"),
        new("项目申报辅导", ["省级专精特新中小企业申报辅导", "创新型中小企业评价辅导", "技术改造项目申报辅导", "中小企业发展专项资金申报服务"],
            ["评估企业条件与申报指标的差距并给出补强建议", "协助整理研发投入、知识产权和财务数据", "审核申报书，提示常见扣分点"], "申报材料清单、申报书修改意见"),
        new("资质认定辅导", ["高新技术企业认定辅导", "科技型中小企业评价入库", "企业技术中心认定辅导", "知识产权管理体系贯标辅导"],
            ["对照认定标准开展企业自评", "指导研发项目立项、研发费用归集", "协助准备认定所需的佐证材料"], "自评报告及整改建议"),
        new("惠企政策兑现", ["惠企资金兑现代办", "政策兑现材料预审", "奖补资金申领全程代办"],
            ["核对企业已获批的奖补事项", "代为准备兑现申请材料并跟踪进度", "资金到账前全程提醒"], "兑现申请材料及办理进度记录"),
        new("战略与管理咨询", ["中小企业发展战略规划", "家族企业治理与传承咨询", "企业组织架构与流程优化", "精益管理导入咨询"],
            ["通过访谈和数据分析诊断企业经营现状", "提出可落地的改进方案和实施计划", "陪伴实施并按月复盘"], "诊断报告、实施方案"),
        new("质量管理", ["ISO9001质量管理体系认证辅导", "产品质量提升诊断", "卓越绩效管理导入", "IATF16949汽车行业质量体系辅导"],
            ["梳理质量管理文件，建立程序和记录", "开展内审员培训和模拟审核", "协助通过第三方认证审核"], "体系文件及内审报告"),
        new("人力资源", ["薪酬绩效体系设计", "员工招聘与人才测评", "企业用工成本诊断", "股权激励方案设计"],
            ["调研岗位和现有薪酬结构", "设计符合企业阶段的激励办法", "辅导管理层落地执行"], "薪酬绩效方案"),
        new("安全生产", ["安全生产标准化建设辅导", "安全隐患排查与整改指导", "危险化学品企业安全评价咨询"],
            ["现场排查安全隐患并分级", "指导建立安全生产责任制", "协助准备标准化评审材料"], "隐患排查报告及整改清单"),
        new("节能环保", ["工业企业节能诊断", "清洁生产审核咨询", "排污许可申报辅导", "碳排放核算与碳足迹咨询"],
            ["现场测量主要耗能设备并分析能效", "提出节能改造方案并测算投资回收期", "协助申报节能环保专项资金"], "节能诊断报告"),
        new("经营管理培训", ["中小企业经营管理研修班", "班组长管理能力提升培训", "财务知识非财务经理培训", "企业数字化管理实务培训"],
            ["采用案例教学和现场研讨", "课程内容结合衡阳本地企业实际", "结业后提供一个月的课后答疑"], "培训课程及结业证书"),
        new("专业技能培训", ["数控机床操作技能培训", "电工特种作业取证培训", "电商直播运营实操培训", "工业机器人运维培训"],
            ["理论与实操相结合，配备实训设备", "培训合格可参加相应等级认定", "可按企业排班安排周末班"], "培训证书及技能等级认定"),
        new("职业资格培训", ["初级会计职称考前辅导", "人力资源管理师培训", "安全管理人员取证培训"],
            ["由具备资质的讲师授课", "提供历年真题与模拟测试", "考前集中答疑"], "培训课时证明"),
        new("企业家培训", ["新生代企业家成长营", "专精特新企业家高级研修", "中小企业家财税与法务必修课"],
            ["邀请行业专家和优秀企业家分享", "组织标杆企业参访", "建立学员交流群持续对接资源"], "研修结业证书"),
        new("创业孵化", ["创业项目入驻孵化", "大学生创业辅导", "创业担保贷款申请指导", "初创企业工商注册一站式服务"],
            ["提供办公场地和共享会议室", "配备创业导师定期辅导", "对接创业担保贷款和天使投资"], "孵化协议及辅导记录"),
        new("知识产权", ["发明专利申请代理", "商标注册与续展代理", "知识产权质押融资评估", "专利导航与布局分析", "企业知识产权贯标"],
            ["检索现有技术，评估授权前景", "撰写并提交申请文件，答复审查意见", "提供知识产权维护提醒"], "专利或商标申请文件及受理通知"),
        new("科技成果转化", ["高校院所科技成果对接", "技术合同认定登记服务", "产学研合作项目撮合"],
            ["梳理企业技术需求", "对接湖南省内高校和科研院所的成果", "协助签订技术合同并办理登记"], "技术需求清单及对接记录"),
        new("检验检测", ["产品质量检验检测", "计量器具校准服务", "新产品型式试验咨询"],
            ["依据国家标准开展检测", "出具具备资质的检测报告", "对不合格项提供改进建议"], "检测报告"),
        new("研发设计", ["工业产品外观设计", "研发费用加计扣除辅导", "新产品研发项目管理咨询"],
            ["调研产品使用场景与用户需求", "提供设计方案和样机验证建议", "协助建立研发项目管理制度"], "设计方案或研发管理制度"),
        new("融资担保", ["小微企业融资担保", "首贷续贷担保服务", "政府性融资担保“见贷即保”", "科技型企业信用担保"],
            ["为缺少抵押物的小微企业提供担保增信", "担保费率执行政府性融资担保优惠标准", "与合作银行并联审批，缩短放款时间"], "担保意向书及合作银行推荐"),
        new("银行信贷", ["小微企业信用贷款", "普惠金融“快易贷”", "税易贷（凭纳税信用申请贷款）", "知识产权质押贷款", "供应链应收账款融资"],
            ["根据企业纳税、用电和经营数据核定授信额度", "线上申请，最快三个工作日放款", "贷款利率执行普惠小微优惠政策"], "授信审批结果"),
        new("续贷过桥", ["无还本续贷受理", "续贷过桥资金服务", "贷款到期续贷政策咨询"],
            ["贷款到期前提前介入，评估续贷条件", "符合条件的企业无需先还本即可续贷", "协调过桥资金，避免资金链断裂"], "续贷方案及办理进度"),
        new("股权融资", ["股权融资路演辅导", "商业计划书撰写辅导", "区域性股权市场挂牌辅导"],
            ["梳理商业模式和财务预测", "辅导路演材料并组织投资人对接", "协助完成尽职调查准备"], "商业计划书及路演安排"),
        new("财务代理记账", ["小规模纳税人代理记账", "一般纳税人代理记账", "财务外包与账务整理", "年度汇算清缴代理"],
            ["按月完成记账、报税和财务报表", "由持证会计专人负责", "每季度提供经营数据分析"], "月度财务报表及纳税申报回执"),
        new("税务筹划", ["研发费用加计扣除申报代理", "增值税留抵退税辅导", "企业税务健康检查", "跨区域涉税事项辅导"],
            ["全面检查企业涉税风险", "依法用足各项税收优惠", "出具书面筹划建议"], "税务健康检查报告"),
        new("市场拓展", ["中小企业市场开拓咨询", "政府采购投标辅导", "产品进超市与渠道对接"],
            ["分析目标市场和竞争格局", "辅导投标文件编制", "对接本地商超和采购商"], "市场开拓方案"),
        new("品牌建设", ["企业品牌策划与视觉设计", "“湘字号”品牌申报辅导", "老字号品牌活化咨询"],
            ["梳理品牌定位和传播策略", "设计品牌标识和宣传物料", "辅导申报各级品牌荣誉"], "品牌策划方案及设计稿"),
        new("展会对接", ["中博会、湘博会参展组织", "产销对接会报名服务", "境外展会参展补贴申报"],
            ["收集企业参展需求并统一组织报名", "协助申请展位费补贴", "展后跟踪意向订单"], "参展安排及补贴申报材料"),
        new("电子商务", ["企业电商开店代运营", "农产品网络销售服务", "短视频带货运营培训"],
            ["协助开设电商平台店铺", "提供商品拍摄和详情页制作", "按月提供运营数据报告"], "店铺上线及运营报告"),
        new("外贸服务", ["外贸综合服务（报关、退税）", "跨境电商出口服务", "出口信用保险投保辅导"],
            ["代理报关、收汇和出口退税", "对接跨境电商平台和海外仓", "辅导投保出口信用保险"], "报关单据及退税进度"),
        new("法律咨询", ["企业常年法律顾问", "中小企业法律咨询（首次免费）", "企业债权催收法律服务"],
            ["由执业律师提供电话、线上和上门咨询", "出具法律意见书", "必要时代理诉讼或仲裁"], "法律意见书"),
        new("合同审查", ["商务合同审查与起草", "招投标文件法律审查", "股权转让协议审查"],
            ["审查合同条款的合法性和风险", "提出修改意见并协助谈判", "建立企业合同范本库"], "合同审查意见"),
        new("劳动用工", ["劳动用工合规体检", "劳动争议调解与代理", "员工手册与规章制度修订"],
            ["检查劳动合同、社保和工时制度", "提示用工风险并提供整改建议", "代理劳动仲裁案件"], "用工合规报告"),
        new("商事调解", ["商事纠纷调解服务", "账款纠纷诉前调解"],
            ["由专业调解员组织双方协商", "达成协议可申请司法确认", "调解费用低于诉讼成本"], "调解协议书"),
        new("法律体检", ["中小企业法律体检", "企业合规管理体系建设"],
            ["全面梳理公司治理、合同、劳动、知识产权等法律风险", "出具体检报告和风险清单", "提供整改跟踪服务"], "法律体检报告"),
        new("数字化转型诊断", ["中小企业数字化转型诊断", "数字化水平评测与改造方案", "“智改数转”项目申报辅导"],
            ["按照中小企业数字化水平评测指标开展评估", "提出分步实施的改造路径", "协助申报数字化转型专项资金"], "数字化诊断报告"),
        new("工业互联网", ["设备联网与数据采集", "MES生产管理系统实施", "工业互联网标识解析应用"],
            ["对生产设备加装采集模块", "搭建生产看板和报表", "培训企业人员使用系统"], "系统上线及培训记录"),
        new("企业上云", ["企业上云用云服务", "云ERP财务业务一体化", "云桌面与远程办公部署"],
            ["评估企业现有系统并制定上云方案", "完成数据迁移和系统部署", "提供一年运维支持"], "上云部署报告"),
        new("网络安全", ["等级保护测评咨询", "企业网络安全检测", "数据安全合规咨询"],
            ["开展漏洞扫描和渗透测试", "出具整改建议并复测", "辅导建立数据安全管理制度"], "安全检测报告"),
        new("软件开发", ["小程序与网站开发", "企业管理软件定制开发", "进销存系统实施"],
            ["需求调研和原型设计", "按期交付并提供源代码", "上线后免费维护三个月"], "软件系统及使用手册"),
    ];

    public async Task SeedAsync()
    {
        if (await db.ServiceItems.AnyAsync()) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var institutions = await db.Institutions.AsNoTracking().Where(i => i.Status == RegistrationStatus.Approved)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Name).ToListAsync();
        var offersByCategory = ServiceCategories.SubCategories.ToDictionary(kv => kv.Key, kv => Offers.Where(o => kv.Value.Contains(o.Sub)).ToList());
        var items = new List<ServiceItem>();
        var n = 0;
        foreach (var institution in institutions)
        {
            var isBank = institution.Name.Contains("银行");
            var isGuarantor = institution.Name.Contains("担保");
            foreach (var category in institution.CategoryCodes)
            {
                foreach (var offer in offersByCategory.GetValueOrDefault(category, []))
                {
                    // A bank lends; a guarantor guarantees; neither keeps books.
                    if ((isBank || isGuarantor) && offer.Sub is not ("银行信贷" or "续贷过桥" or "融资担保")) continue;
                    // Only a bank lends and only a guarantor guarantees.
                    if (offer.Sub == "融资担保" && !isGuarantor) continue;
                    if (offer.Sub == "银行信贷" && !isBank) continue;
                    foreach (var title in offer.Titles)
                    {
                        n++;
                        items.Add(NewItem(institution, category, offer, title, n, now));
                    }
                }
            }
        }
        // Some items are not (or no longer) on the shelf, so every state can be tried.
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = item.CreatedAt;
            if (i % 37 == 5) continue; // a draft
            item.Submit(at);
            if (i % 37 == 11) continue; // waiting for review
            if (i % 37 == 17)
            {
                item.Reject("服务介绍中的收费标准与收费方式不一致，请核对后重新提交", at.AddDays(1));
                continue;
            }
            item.Approve(at.AddDays(1));
            if (i % 37 == 23) item.TakeOffShelf("机构暂停该项服务", reasonRequired: false, at.AddDays(30));
        }
        db.ServiceItems.AddRange(items);
        foreach (var item in items.Where(i => i.IsLive)) SearchLog.Changed(db, ItemSearchKinds.Item, item.Id, now);

        var firstLive = items.First(i => i.IsLive);
        db.ServiceItemRevisions.Add(new ServiceItemRevision
        {
            Id = Guid.NewGuid(), ItemId = firstLive.Id, SubmittedAt = now.AddHours(-3),
            Content = firstLive.Content with { Title = firstLive.Content.Title + "（2027年版）", LeadTimeDays = firstLive.Content.LeadTimeDays + 2 },
        });

        var today = HengyangCalendar.DayOf(now);
        AddPackage("援企线上服务包", "疫情后稳经营、降成本的线上服务组合：政策辅导、融资、财税和数字化服务均可线上办理。", RegionCodes.City, today.AddDays(-30),
            today.AddMonths(5), items.Where(i => i.IsLive && i.Content.Mode != ServiceMode.OnSite).Take(8));
        AddPackage("专精特新成长服务包", "面向培育中的专精特新中小企业：认定辅导、知识产权、研发费用加计扣除和股权融资。", RegionCodes.City, today.AddDays(-10),
            today.AddMonths(11), items.Where(i => i.IsLive && (i.Content.SubCategory is "资质认定辅导" or "项目申报辅导" or "知识产权" or "税务筹划" or "股权融资")).Take(10));
        await db.SaveChangesAsync();
    }

    private void AddPackage(string title, string summary, string region, DateOnly from, DateOnly until, IEnumerable<ServiceItem> items)
    {
        var package = new ServicePackage
        {
            Id = Guid.NewGuid(), Title = title, Summary = summary, RegionCode = region, ValidFrom = from, ValidUntil = until,
            CreatedAt = clock.GetUtcNow().UtcDateTime.AddDays(-30),
        };
        var position = 0;
        foreach (var item in items) package.Entries.Add(new PackageEntry { Id = Guid.NewGuid(), PackageId = package.Id, TargetId = item.Id, Position = ++position });
        package.Publish();
        db.ServicePackages.Add(package);
    }

    private static ServiceItem NewItem(Modules.Institutions.Data.Institution institution, string category, Offer offer, string title, int n, DateTime now)
    {
        var fee = offer.Sub is "政策解读" or "惠企政策兑现" or "商事调解" || title.Contains("免费") ? (n % 2 == 0 ? FeeType.Free : FeeType.PublicInterest)
            : (n % 5) switch { 0 => FeeType.Free, 1 or 2 => FeeType.Discounted, _ => FeeType.Market };
        decimal? price = fee is FeeType.Free or FeeType.PublicInterest || n % 4 == 0 ? null : 800 + n * 137 % 19_000 / 100 * 100;
        var mode = (n % 3) switch { 0 => ServiceMode.Online, 1 => ServiceMode.OnSite, _ => ServiceMode.Both };
        var regions = institution.ServiceRegions;
        var description = string.Join("", new[]
        {
            $"<p>{institution.Name}面向衡阳市中小企业提供“{title}”服务。",
            string.Join("；", offer.Points) + "。</p>",
            $"<h3>适用对象</h3><p>在衡阳市登记注册、有{offer.Sub}需求的中小微企业，{(fee is FeeType.Free or FeeType.PublicInterest ? "本项服务不收取费用" : "小微企业享受收费优惠")}。</p>",
            "<h3>办理流程</h3><ol><li>在平台提交服务申请并说明需求</li><li>机构受理后与企业确认服务方案</li><li>按约定提供服务并在平台记录进展</li><li>服务办结后企业确认并评价</li></ol>",
        });
        var created = now.AddDays(-(n % 300) - 5).AddMinutes(-n);
        return new ServiceItem
        {
            Id = Guid.NewGuid(), InstitutionId = institution.Id, RegionCode = institution.RegionCode, CreatedAt = created, UpdatedAt = created,
            Content = new ItemContent
            {
                Title = title, CategoryCode = category, SubCategory = offer.Sub, Description = description, Deliverables = offer.Deliverable,
                FeeType = fee, Price = price, Mode = mode, ServiceRegions = regions, LeadTimeDays = 3 + n % 18,
                ContactName = institution.ContactName, ContactPhone = institution.ContactPhone,
            },
        };
    }
}
