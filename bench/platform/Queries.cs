using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;

namespace Qifu.Bench.Platform;

/// <summary>
/// Catalogue-search queries built from the words the scale generator (Platform/Demo/ScaleData.cs) writes, so they hit the
/// generated data: service sub-categories (item titles), article topics and events (article titles), brand and trade words
/// (institution and enterprise names), words of its sentences, region names, combinations of two words, some with a kind
/// filter, and a few words the generator never writes (the cost of an empty answer). Fixed order from a fixed seed.
/// </summary>
public static class Queries
{
    // Copied from ScaleData's private lists (keep in step when the generator's vocabulary changes).
    private static readonly string[] Topics = ["专精特新中小企业培育", "无还本续贷", "研发费用加计扣除", "小微企业普惠金融", "数字化转型", "稳岗就业补贴",
        "知识产权质押融资", "政府采购支持中小企业", "防范和化解拖欠中小企业账款", "技术改造补贴", "企业上云用云", "首贷续贷", "外贸企业出海", "人才引进补贴", "减税降费"];
    private static readonly string[] Events = ["工作推进会", "政策宣讲", "服务月活动", "申报工作", "实施细则解读", "典型经验做法", "专题培训班", "银企对接会", "企业座谈会",
        "服务成效", "工作情况通报", "申报指南"];
    private static readonly string[] Brands = ["恒远", "湘南", "云帆", "鑫源", "好味来", "书香", "智联", "衡岳", "金禾", "宏达", "云集", "南岳", "恒通", "兴旺", "金石",
        "瑶山", "启明", "安居", "蔡伦", "雁城", "船山", "石鼓", "蒸水", "耒水", "舂陵", "祝融", "回雁", "岣嵝", "来雁", "湘江", "华新", "振兴", "永盛", "和泰", "嘉禾",
        "丰源", "博雅", "凯达", "益民", "盛世"];
    private static readonly string[] InstitutionWords = ["会计师事务所", "律师事务所", "企业管理咨询", "人力资源服务", "知识产权代理", "检验检测", "数字科技", "融资担保",
        "职业技能培训学校", "财税代理", "商务咨询", "信息技术服务", "银行", "支行"];
    private static readonly string[] SentenceWords = ["营商环境", "市场主体", "服务分站", "上门走访", "合作银行", "担保机构", "答疑解惑", "融资需求", "申请材料", "工作日",
        "服务体系", "优质服务资源", "县域", "园区", "获得感", "满意率", "独立法人资格", "信用记录", "一次性奖励", "专项资金", "申报材料", "办事流程", "体系认证",
        "新市场", "设备更新", "数字化改造", "研发投入", "制造业", "服务报告", "收费优惠", "代理记账", "增值税", "供货合同", "质量管理体系", "安全生产培训",
        "实用新型专利", "诊断", "辅导材料"];
    private static readonly string[] Absent = ["区块链溯源", "元宇宙", "量子通信", "跨境电商直播基地", "碳足迹核算", "低空经济", "深海装备", "氢能重卡"];

    public static IReadOnlyList<string> Build()
    {
        var subs = ServiceCategories.SubCategories.Values.SelectMany(v => v).ToArray();
        var regions = RegionCodes.Hengyang.Where(r => r.Code != RegionCodes.City).Select(r => r.Name).ToArray();
        var rng = new Random(20261127);
        T Pick<T>(T[] list) => list[rng.Next(list.Length)];

        var q = new List<string>();
        q.AddRange(subs);                                                       // 38 item sub-categories (two to seven characters)
        q.AddRange(Topics);                                                     // 15 article topics
        q.AddRange(Events);                                                     // 12 article events
        q.AddRange(Brands.Take(30));                                            // 30 brand words (two characters, institution names)
        q.AddRange(InstitutionWords);                                           // 14 institution types
        q.AddRange(SentenceWords);                                              // 38 words of the generator's sentences
        q.AddRange(Absent);                                                     // 8 words the generator never writes
        for (var i = 0; i < 20; i++) q.Add(Pick(regions) + " " + Pick(subs));   // region + sub-category
        for (var i = 0; i < 15; i++) q.Add(Pick(Topics) + " " + Pick(Events));  // topic + event
        for (var i = 0; i < 10; i++) q.Add(Pick(Brands) + Pick(InstitutionWords)); // brand + institution type, as one word
        var texts = q.Distinct().Select(Uri.EscapeDataString).Select(s => "q=" + s).ToList();
        // Some with a kind filter, as the page's tabs ask.
        for (var i = 0; i < 12; i++) texts.Add("q=" + Uri.EscapeDataString(Pick(subs)) + "&kind=item");
        for (var i = 0; i < 12; i++) texts.Add("q=" + Uri.EscapeDataString(Pick(Topics)) + "&kind=article");
        var distinct = texts.Distinct().ToList();
        // Shuffled with a fixed seed: consecutive requests do not repeat one class.
        for (var i = distinct.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (distinct[i], distinct[j]) = (distinct[j], distinct[i]);
        }
        return distinct;
    }
}
