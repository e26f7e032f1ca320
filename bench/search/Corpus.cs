using System.Text;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;

namespace Qifu.Bench.Search;

/// <summary>SplitMix64: tiny, fast and the same on every run and runtime (System.Random's seeded sequence is not a contract).</summary>
public sealed class Rng(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public int Int(int n) => (int)((Next() >> 33) % (ulong)n);
    public int Int(int min, int maxExclusive) => min + Int(maxExclusive - min);
    public double Double() => (Next() >> 11) * (1.0 / (1UL << 53));
    public bool Chance(double p) => Double() < p;
    public T Pick<T>(IReadOnlyList<T> list) => list[Int(list.Count)];

    public void Shuffle<T>(IList<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Int(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    public static ulong Mix(ulong a, ulong b) => new Rng(a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL)).Next();
}

/// <summary>Draws ranks 0..n-1 with weight 1/(rank+1)^s.</summary>
public sealed class Zipf
{
    private readonly double[] _cumulative;

    public Zipf(int n, double s)
    {
        _cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++) _cumulative[i] = sum += 1.0 / Math.Pow(i + 1, s);
        for (var i = 0; i < n; i++) _cumulative[i] /= sum;
    }

    public double Probability(int rank) => _cumulative[rank] - (rank == 0 ? 0 : _cumulative[rank - 1]);

    public int Draw(Rng rng)
    {
        var u = rng.Double();
        var i = Array.BinarySearch(_cumulative, u);
        return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
    }
}

public enum DocKind : byte { Item, Institution, Article }

/// <summary>One generated record, kept compact: the index gets it as a <see cref="SearchDocument"/> built on the fly.</summary>
public sealed class Doc
{
    public required int Index { get; init; }
    public required DocKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required string Meta { get; init; }
    public required string[] Categories { get; init; }
    public string? Sub { get; init; }
    public required string[] Regions { get; init; }
    public byte Fee { get; init; }      // index into FacetValues.Fees
    public byte Mode { get; init; }     // 0 online, 1 on-site, 2 both
    public double? Rating { get; init; }
    public DateTime Published { get; init; }
    public int Popularity { get; init; }

    public Guid Id => Corpus.IdOf(Index);

    public static string KindCode(DocKind kind) => kind switch { DocKind.Item => "item", DocKind.Institution => "institution", _ => "article" };

    public SearchDocument ToSearchDocument()
    {
        var facets = new Dictionary<string, IReadOnlyList<string>>
        {
            [SearchFacets.Category] = Categories,
            [SearchFacets.Region] = Regions,
        };
        if (Kind == DocKind.Item)
        {
            facets[SearchFacets.SubCategory] = Sub is null ? [] : [Sub];
            facets[SearchFacets.Fee] = [FacetValues.Fees[Fee].Code];
            facets[SearchFacets.Mode] = Mode switch
            {
                0 => [FacetValues.ModeOnline],
                1 => [FacetValues.ModeOnSite],
                _ => [FacetValues.ModeOnline, FacetValues.ModeOnSite],
            };
            facets[SearchFacets.RatingBand] = FacetValues.RatingBandsOf(Rating);
        }
        var kind = KindCode(Kind);
        return new SearchDocument
        {
            Kind = kind,
            Id = Id,
            Title = Title,
            Body = Body,
            Url = kind switch { "item" => $"/services/{Id}", "institution" => "/institutions?q=" + Uri.EscapeDataString(Title), _ => $"/articles/{Id}" },
            Meta = Meta,
            PublishedAt = Published,
            Rating = Rating,
            Popularity = Popularity,
            Facets = facets,
        };
    }
}

/// <summary>
/// A province's worth of service items, institutions and articles in plain Chinese, generated deterministically: document i
/// depends only on (seed, i), so the indexing child, the crash child and the in-memory copy all see the same text.
/// Every sentence template below was written for this benchmark.
/// </summary>
public static class Corpus
{
    public const ulong Seed = 20261126;

    // ---------------------------------------------------------------- vocabulary (rank order = Zipf rank)

    /// <summary>SME terms, most frequent first; two-character and longer ones interleaved so both classes have common and uncommon members.</summary>
    public static readonly string[] Terms =
    [
        "融资", "贷款", "小微企业", "培训", "补贴", "知识产权", "税务", "担保", "数字化转型", "专利",
        "续贷", "财税", "法律", "专精特新", "孵化", "管理咨询", "用工", "招聘", "高新技术企业", "商标",
        "代账", "社保", "首贷续贷", "审计", "研发费用加计扣除", "电商", "出口", "税务局", "认证", "孵化器",
        "普惠金融", "代理记账", "咨询", "检测", "增值税", "品牌", "企业所得税", "合同", "工业互联网", "展会",
        "应收账款融资", "外贸", "无还本续贷", "知识产权质押", "信贷", "股权融资", "物流", "企业上云", "创业担保贷款", "评估",
        "网络安全", "保险", "税务筹划", "调解", "稳岗返还", "软件开发", "汇算清缴", "版权", "跨境电商", "直播",
        "检验检测", "仲裁", "科技成果转化", "租赁", "出口退税", "上市", "质量管理体系", "节能", "政府采购", "仓储",
        "安全生产", "技改", "劳动合同", "环保", "社会保险", "个体工商户", "职业技能培训", "市场监管", "营业执照", "科技型中小企业",
        "海外仓", "商事调解", "法律体检", "品牌建设", "展会对接", "创业孵化", "人力资源", "产学研合作", "技术合同登记", "贷款贴息",
        "信用修复", "政策兑现", "一网通办", "瞪羚企业", "小巨人", "中小企业服务中心", "节能降碳", "专利导航",
    ];

    /// <summary>0.15 % of term draws.</summary>
    public static readonly string[] RareTerms = ["区块链", "碳排放权", "低空经济", "数据资产入表", "氢能", "绿色债券", "跨境人民币", "合成生物"];

    /// <summary>Never written (the query set asks for them).</summary>
    public static readonly string[] AbsentTerms = ["元宇宙", "量子通信", "脑机接口", "星链", "数字孪生", "虚拟电厂"];

    /// <summary>Latin tokens as they appear in text (always followed by Chinese or punctuation, never by more letters or digits).</summary>
    public static readonly string[] LatinTokens = ["ISO9001", "ISO14001", "IATF16949", "ISO27001", "CMMI", "MES", "ERP", "SaaS"];

    private static readonly Zipf TermRanks = new(Terms.Length, 0.9);
    private static readonly Zipf LatinRanks = new(LatinTokens.Length, 1.0);

    /// <summary>Terms a category's documents lean towards (40 % of their draws).</summary>
    private static readonly Dictionary<string, string[]> CategoryTerms = new()
    {
        ["policy"] = ["补贴", "政策兑现", "贷款贴息", "稳岗返还", "专精特新", "高新技术企业", "小巨人", "研发费用加计扣除", "一网通办", "瞪羚企业"],
        ["consulting"] = ["管理咨询", "咨询", "质量管理体系", "安全生产", "节能", "人力资源", "评估", "节能降碳", "环保"],
        ["training"] = ["培训", "职业技能培训", "招聘", "用工", "人力资源", "社保", "劳动合同"],
        ["innovation"] = ["孵化", "孵化器", "专利", "知识产权", "科技成果转化", "检测", "检验检测", "产学研合作", "技术合同登记", "创业孵化", "科技型中小企业", "专利导航"],
        ["finance"] = ["融资", "续贷", "贷款", "担保", "财税", "税务", "代账", "审计", "首贷续贷", "无还本续贷", "普惠金融", "应收账款融资",
            "知识产权质押", "股权融资", "创业担保贷款", "代理记账", "税务筹划", "汇算清缴", "增值税", "企业所得税", "出口退税", "信贷", "上市", "保险", "税务局"],
        ["market"] = ["出口", "电商", "品牌", "展会", "外贸", "跨境电商", "海外仓", "品牌建设", "展会对接", "直播", "物流", "仓储", "政府采购"],
        ["legal"] = ["法律", "合同", "仲裁", "调解", "商标", "版权", "劳动合同", "商事调解", "法律体检", "信用修复", "市场监管"],
        ["digital"] = ["数字化转型", "工业互联网", "企业上云", "网络安全", "软件开发", "技改", "认证"],
    };

    /// <summary>The category whose documents lean towards the term, if any.</summary>
    public static string? CategoryOf(string word) => CategoryTerms.FirstOrDefault(c => c.Value.Contains(word)).Key;

    // ---------------------------------------------------------------- places and regions

    /// <summary>Hunan's prefectures: name, 4-digit prefix, number of counties (codes past the real ones are invented).</summary>
    private static readonly (string Name, string Prefix, int Counties)[] Cities =
    [
        ("长沙市", "4301", 9), ("株洲市", "4302", 9), ("湘潭市", "4303", 5), ("衡阳市", "4304", 0), ("邵阳市", "4305", 12),
        ("岳阳市", "4306", 9), ("常德市", "4307", 9), ("张家界市", "4308", 4), ("益阳市", "4309", 6), ("郴州市", "4310", 11),
        ("永州市", "4311", 11), ("怀化市", "4312", 13), ("娄底市", "4313", 5), ("湘西州", "4331", 8),
    ];

    /// <summary>Every region code a document can serve: Hengyang's from the platform's own table, the rest of the province invented.</summary>
    public static readonly string[] ProvinceRegionCodes;

    private static readonly string[][] CityRegionCodes;

    public static readonly string[] HengyangCodes = RegionCodes.Hengyang.Select(r => r.Code).ToArray();

    private static readonly string[] CountyNames =
    [
        "珠晖区", "雁峰区", "石鼓区", "蒸湘区", "南岳区", "衡阳县", "衡南县", "衡山县", "衡东县", "祁东县", "耒阳市", "常宁市",
        "芙蓉区", "天心区", "岳麓区", "浏阳市", "宁乡市", "醴陵市", "攸县", "韶山市", "湘乡市", "邵东市", "武冈市", "汨罗市",
        "临湘市", "津市市", "澧县", "沅江市", "资兴市", "宜章县", "祁阳市", "道县", "洪江市", "冷水江市", "涟源市", "吉首市",
    ];

    private static readonly string[] PlaceShort = ["衡阳", "湘南", "雁城", "耒水", "蒸水", "湘江", "南岳", "潇湘", "船山", "石鼓", "祝融", "紫云"];

    static Corpus()
    {
        CityRegionCodes = new string[Cities.Length][];
        for (var c = 0; c < Cities.Length; c++)
        {
            var (_, prefix, counties) = Cities[c];
            CityRegionCodes[c] = counties == 0
                ? HengyangCodes
                : [prefix + "00", .. Enumerable.Range(1, counties).Select(k => prefix + (k + 1).ToString("00"))];
        }
        ProvinceRegionCodes = CityRegionCodes.SelectMany(c => c).Distinct().ToArray();
    }

    // ---------------------------------------------------------------- names and phrases

    private static readonly string[] Agencies =
    [
        "市场监督管理局", "人力资源和社会保障局", "工业和信息化局", "科学技术局", "商务局", "财政局", "发展和改革委员会",
        "司法局", "生态环境局", "中小企业发展促进中心", "生产力促进中心", "政务服务中心", "地方金融管理局",
    ];

    private static readonly string[] Brands =
    [
        "恒达", "鑫源", "博远", "瑞丰", "宏图", "利民", "金穗", "天成", "永盛", "新禾", "远航", "嘉和", "辰光", "立信", "华昱", "泰和",
        "盛世", "银河", "宝丰", "润德", "启明", "卓越", "丰泽", "明达", "安泰", "汇通", "广源", "景程", "众合", "瀚海",
    ];

    private static readonly string[] Industries =
    [
        "机械", "电子", "新材料", "食品", "纺织", "物流", "科技", "建材", "农业开发", "医药", "汽车零部件", "五金", "包装", "服饰", "化工", "家居",
    ];

    private static readonly string[] CompanySuffixes = ["有限公司", "股份有限公司", "有限责任公司"];

    private static readonly string[] InstitutionTypes =
    [
        "会计师事务所", "律师事务所", "知识产权代理有限公司", "融资担保有限公司", "科技企业孵化中心", "人力资源服务有限公司",
        "管理咨询有限公司", "检验检测有限公司", "税务师事务所", "信息技术有限公司", "企业服务有限公司", "职业培训学校",
    ];

    private static readonly string[] Phrases =
    [
        "持续优化营商环境", "推动经济高质量发展", "切实减轻企业负担", "打通政策落地最后一公里", "做到应享尽享、应享快享",
        "坚持问题导向和目标导向", "强化要素保障", "提升服务的精准度和满意度", "营造良好的发展氛围", "以更实举措助企纾困",
        "压实责任、细化分工", "确保各项任务按期落地", "推进服务事项集成办理", "让企业少跑腿、好办事", "建立常态化沟通机制",
        "形成上下联动的工作合力", "聚焦企业急难愁盼", "把服务送到企业门口",
    ];

    private static readonly string[] Verbs = ["支持", "促进", "加快", "鼓励", "规范", "完善", "深化"];

    private static readonly string[] ServiceSuffixes = ["服务", "咨询服务", "代办服务", "一站式服务", "专项辅导", "上门指导", "诊断服务", "培训班", "对接服务", "全程代理"];

    // ---------------------------------------------------------------- sentence templates
    // {t} term  {a} agency  {c} company  {p} stock phrase  {r} place  {n} number 2–499  {q} number 2–30  {%} 82–99  {z} 5–9  {y} year  {d} date
    // {l} Latin token  {s} sub-category
    // {v} verb  {h} phone  {i} institution name (the document's own)

    private static readonly string[] ItemSentences =
    [
        "本服务面向{r}辖区内有{t}需求的企业，由专业团队提供{t}全流程辅导。",
        "服务内容包括{t}政策梳理、{t}方案设计和后续跟踪，帮助企业少走弯路。",
        "我们已累计为{n}家企业办理{t}相关业务，平均办结时间缩短到{q}个工作日。",
        "针对{t}过程中常见的材料不全、流程不清等问题，提供一对一上门指导。",
        "企业可通过平台在线提交{t}申请，顾问将在{q}小时内联系对接。",
        "服务团队熟悉{a}的最新要求，能够协助企业完成{t}备案与申报。",
        "对符合条件的企业，可同步申请{t}奖补，{p}。",
        "首次咨询不收费，{t}项目按实际工作量报价，收费标准全程公开。",
        "协助企业导入{l}体系，并结合{t}要求做好内部审核准备。",
        "服务周期一般为{q}天，期间提供{t}进度查询和结果反馈。",
        "本项目已纳入{r}{t}服务清单，{p}。",
        "联系电话{h}，工作日上午九点至下午五点半受理咨询。",
        "适用对象为注册在{r}、依法经营且信用良好的中小企业。",
        "服务过程中如需{t}，可由合作机构{c}配合完成。",
        "每季度举办一期{t}沙龙，邀请{a}业务骨干现场答疑。",
        "结合企业所处行业特点，量身制定{t}与{t}的组合方案。",
        "去年共帮助{n}户企业解决{t}难题，企业满意率达到{%}%。",
        "资料齐全的，{t}事项可在{q}个工作日内办结。",
    ];

    private static readonly string[] Deliverables =
    [
        "服务成果：{t}诊断报告一份、辅导记录及整改建议清单。",
        "服务成果：完成{t}申报材料编制并跟踪至结果公布。",
        "服务成果：出具{t}方案，提供三个月免费跟踪服务。",
        "服务成果：办结{t}手续，交付全部过程文件。",
    ];

    private static readonly string[] InstitutionSentences =
    [
        "{i}成立于{y}年，是经{a}备案的专业服务机构，主要从事{t}、{t}等业务。",
        "机构现有专职人员{n}名，其中具有中级以上职称的{q}名，长期服务{r}的中小企业。",
        "近三年累计为企业提供{t}服务{n}余次，多次获评{r}优秀服务机构。",
        "机构与{a}、多家银行和高校建立了合作关系，在{t}领域积累了丰富经验。",
        "本机构已通过{l}认证，服务流程规范，档案管理完整。",
        "设有{t}、{t}和综合服务三个业务部门，可为企业提供一站式解决方案。",
        "曾为{c}等企业提供{t}服务，协助其解决{t}方面的难题。",
        "机构坚持公益优先，定期走进园区开展{t}义诊活动。",
    ];

    private static readonly string[] FeePolicies =
    [
        "收费政策：对小型和微型企业给予{z}折优惠，{t}类公益服务不收取费用。",
        "收费政策：执行行业指导价，首次{t}咨询免费。",
        "收费政策：{t}服务按项目收费，可签订年度服务协议。",
    ];

    private static readonly string[] ArticleSentences =
    [
        "{d}，{r}{a}召开{t}工作推进会，要求{p}。",
        "会议指出，要{p}，{p}。",
        "据统计，今年以来全市累计为企业办理{t}业务{n}笔，涉及金额{q}亿元。",
        "下一步，{a}将继续加大{t}支持力度，推动{t}政策直达快享。",
        "企业如有{t}方面的问题，可拨打服务热线{h}咨询。",
        "{c}负责人表示，借助{t}服务，企业的{t}成本明显下降。",
        "根据《关于{v}{t}的若干措施》，符合条件的企业最高可获得{n}万元{t}奖励。",
        "申报截止时间为{d}，逾期不予受理。",
        "活动现场，{q}家金融机构与企业达成{t}意向，{p}。",
        "{r}将{t}纳入年度重点工作，建立{t}项目库并实行动态管理。",
        "专家围绕{t}、{t}等内容进行了详细讲解，并现场解答企业提问。",
        "此次调研走访了{n}家企业，收集{t}方面诉求{n}条，已全部交办。",
    ];

    private static readonly string[] ArticleTitles =
    [
        "{r}{a}关于开展{t}工作的通知", "{r}召开{t}工作推进会", "{t}政策解读：企业关心的{q}个问题", "{r}{n}家企业获得{t}支持",
        "一图读懂{t}", "关于{v}{t}的若干措施", "{r}举办{t}专题培训", "{t}服务进园区活动走进{r}",
    ];

    // ---------------------------------------------------------------- generation

    /// <summary>Deterministic id: the document number in the first four bytes, a fixed tail.</summary>
    public static Guid IdOf(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, index);
        bytes[4] = 0x51; bytes[5] = 0x46; bytes[6] = 0x55; bytes[7] = 0x40; // "QFU@", version nibble of no importance here
        for (var i = 8; i < 16; i++) bytes[i] = (byte)(0xA0 + i);
        return new Guid(bytes);
    }

    public static int IndexOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes);
    }

    public static IEnumerable<Doc> Stream(int count, int first = 0, ulong seed = Seed)
    {
        for (var i = first; i < first + count; i++) yield return Generate(i, seed);
    }

    /// <summary>All documents in memory, generated on every core.</summary>
    public static Doc[] Build(int count, ulong seed = Seed)
    {
        var docs = new Doc[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => docs[i] = Generate(i, seed));
        return docs;
    }

    private static readonly DateTime Start = new(2021, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Days = 5 * 365;

    public static Doc Generate(int index, ulong seed = Seed)
    {
        var rng = new Rng(Rng.Mix(seed, (ulong)index));
        var roll = rng.Double();
        var kind = roll < 0.70 ? DocKind.Item : roll < 0.80 ? DocKind.Institution : DocKind.Article;

        var category = ServiceCategories.All[CategoryRank(rng)].Code;
        var categories = kind == DocKind.Institution && rng.Chance(0.5)
            ? new[] { category, ServiceCategories.All[rng.Int(ServiceCategories.All.Length)].Code }.Distinct().ToArray()
            : [category];
        var subs = ServiceCategories.SubCategories[category];
        var sub = subs[rng.Int(subs.Length)];

        // A quarter of the province's records come from Hengyang (the platform's home city).
        var city = rng.Chance(0.25) ? 3 : rng.Int(Cities.Length);
        var regions = Regions(rng, city, kind);

        var text = new Writer(rng, categories[0], sub);
        var institution = InstitutionName(rng);
        string title, body, meta;
        switch (kind)
        {
            case DocKind.Item:
                title = ItemTitle(text, sub);
                body = text.Body(rng.Int(200, 400), ItemSentences,
                    tail: [text.Fill(rng.Pick(Deliverables)), sub, institution]);
                meta = string.Join(" · ", institution, rng.Chance(0.3) ? "面议" : $"{rng.Int(2, 300) * 100}元起", rng.Chance(0.5) ? "线上" : "线下");
                break;
            case DocKind.Institution:
                title = institution;
                text.Institution = institution;
                body = text.Body(rng.Int(200, 400), InstitutionSentences,
                    tail: [text.Fill(rng.Pick(FeePolicies)), string.Join("、", categories.Select(ServiceCategories.NameOf))]);
                meta = "服务机构 · " + CountyNames[rng.Int(CountyNames.Length)];
                break;
            default:
                title = text.Fill(rng.Pick(ArticleTitles));
                body = text.Body(rng.Int(200, 400), ArticleSentences, tail: []);
                meta = "资讯 · " + text.Place();
                break;
        }

        double? rating = kind == DocKind.Item && rng.Chance(0.7) ? Math.Round(3 + rng.Double() * 2, 1) : null;
        return new Doc
        {
            Index = index,
            Kind = kind,
            Title = title,
            Body = body,
            Meta = meta,
            Categories = categories,
            Sub = kind == DocKind.Item ? sub : null,
            Regions = regions,
            Fee = (byte)(rng.Double() switch { < 0.2 => 0, < 0.35 => 1, < 0.6 => 2, _ => 3 }),
            Mode = (byte)rng.Int(3),
            Rating = rating,
            Published = Start.AddMinutes(rng.Int(Days * 24 * 60)),
            Popularity = (int)Math.Min(100_000, Math.Floor(Math.Pow(rng.Double(), 3) * 2000)),
        };
    }

    /// <summary>Finance and policy dominate a marketplace; digital and legal trail.</summary>
    private static int CategoryRank(Rng rng) => rng.Double() switch
    {
        < 0.26 => 4, < 0.42 => 0, < 0.54 => 2, < 0.66 => 3, < 0.76 => 1, < 0.86 => 5, < 0.94 => 6, _ => 7,
    };

    private static string[] Regions(Rng rng, int city, DocKind kind)
    {
        var codes = CityRegionCodes[city];
        var count = kind switch { DocKind.Article => 1, DocKind.Institution => rng.Int(1, 6), _ => rng.Int(1, 4) };
        var set = new List<string>(count);
        for (var k = 0; k < count; k++)
        {
            var code = codes[rng.Int(codes.Length)];
            if (!set.Contains(code)) set.Add(code);
        }
        return set.ToArray();
    }

    private static string InstitutionName(Rng rng) =>
        rng.Pick(PlaceShort) + rng.Pick(Brands) + rng.Pick(InstitutionTypes);

    private static string ItemTitle(Writer text, string sub)
    {
        var rng = text.Rng;
        return rng.Int(5) switch
        {
            0 => text.Term() + rng.Pick(ServiceSuffixes),
            1 => sub + "：" + text.Term() + rng.Pick(ServiceSuffixes),
            2 => text.Term() + "与" + text.Term() + rng.Pick(ServiceSuffixes),
            3 => "中小企业" + text.Term() + rng.Pick(ServiceSuffixes),
            _ => text.Place() + text.Term() + rng.Pick(ServiceSuffixes),
        };
    }

    /// <summary>Fills templates for one document.</summary>
    private sealed class Writer(Rng rng, string category, string sub)
    {
        public Rng Rng => rng;
        public string? Institution { get; set; }
        private readonly StringBuilder _sb = new(512);

        public string Term()
        {
            if (rng.Chance(0.0015)) return rng.Pick(RareTerms);
            if (rng.Chance(0.4)) return rng.Pick(CategoryTerms[category]);
            return Terms[TermRanks.Draw(rng)];
        }

        /// <summary>A term other than the one just written (two slots of one sentence rarely name the same thing).</summary>
        private string Distinct(string? previous)
        {
            var term = Term();
            return term == previous ? Term() : term;
        }

        public string Place() => rng.Chance(0.5) ? CountyNames[rng.Int(CountyNames.Length)] : Cities[rng.Int(Cities.Length)].Name;

        public string Body(int length, string[] sentences, string[] tail)
        {
            _sb.Clear();
            var tailLength = tail.Sum(t => t.Length + 1);
            // Sentences in a random order without repeats (until every one has been used).
            var order = Enumerable.Range(0, sentences.Length).ToArray();
            rng.Shuffle(order);
            for (var k = 0; _sb.Length + tailLength < length; k++)
            {
                if (k > 0 && k % order.Length == 0) rng.Shuffle(order);
                _sb.Append(Fill(sentences[order[k % order.Length]]));
            }
            foreach (var part in tail) _sb.Append('\n').Append(part);
            return _sb.ToString();
        }

        public string Fill(string template)
        {
            var sb = new StringBuilder(template.Length + 32);
            string? last = null;
            for (var i = 0; i < template.Length; i++)
            {
                var ch = template[i];
                if (ch != '{' || i + 2 >= template.Length || template[i + 2] != '}')
                {
                    sb.Append(ch);
                    continue;
                }
                sb.Append(template[i + 1] switch
                {
                    't' => last = Distinct(last),
                    'a' => rng.Pick(Agencies),
                    'c' => rng.Pick(PlaceShort) + rng.Pick(Brands) + rng.Pick(Industries) + rng.Pick(CompanySuffixes),
                    'p' => rng.Pick(Phrases),
                    'r' => Place(),
                    'n' => rng.Int(2, 500).ToString(),
                    'q' => rng.Int(2, 31).ToString(),
                    '%' => rng.Int(82, 100).ToString(),
                    'z' => rng.Int(5, 10).ToString(),
                    'y' => rng.Int(1998, 2025).ToString(),
                    'd' => $"{rng.Int(2022, 2027)}年{rng.Int(1, 13)}月{rng.Int(1, 29)}日",
                    'l' => LatinTokens[LatinRanks.Draw(rng)],
                    's' => sub,
                    'v' => rng.Pick(Verbs),
                    'h' => $"0734-{rng.Int(8000000, 9000000)}",
                    'i' => Institution ?? "本机构",
                    _ => "",
                });
                i += 2;
            }
            return sb.ToString();
        }
    }
}
