using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Catalogue.Data;

namespace Qifu.Tests.Modules.Search;

[Collection(SearchApp.Name)]
public sealed class SiteSearchTests(QifuApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Two_character_words_are_found_inside_longer_words_and_latin_codes_work_in_any_case()
    {
        var m = SearchData.Marker();
        var renewal = new TestItem($"{m}小微企业周转服务", "<p>协助小微企业办理无还本续贷，缓解资金压力。</p>");
        var patent = new TestItem($"{m}专利申请代理", "发明、实用新型与外观设计", "innovation", "知识产权");
        var tax = new TestItem($"{m}开业登记一站办", "<p>陪同企业到税务局完成登记&amp;备案。</p>", "finance", "税务筹划");
        var incubator = new TestItem($"{m}创业空间入驻", "入驻孵化器享受租金减免", "innovation", "创业孵化");
        var iso = new TestItem($"{m}质量体系认证辅导", "协助企业通过ISO9001认证", "consulting", "质量管理");
        await app.PublishAsync(renewal, patent, tax, incubator, iso);
        await _client.IndexedAsync(SearchData.Q(m), 5);

        Assert.Equal([renewal.Id], (await _client.SearchAsync(SearchData.Q($"{m} 续贷"))).Ids());
        Assert.Equal([patent.Id], (await _client.SearchAsync(SearchData.Q($"{m} 专利"))).Ids());
        Assert.Equal([tax.Id], (await _client.SearchAsync(SearchData.Q($"{m} 税务"))).Ids());
        Assert.Equal([incubator.Id], (await _client.SearchAsync(SearchData.Q($"{m} 孵化"))).Ids());
        Assert.Equal([iso.Id], (await _client.SearchAsync(SearchData.Q($"{m} ISO9001"))).Ids());
        Assert.Equal([iso.Id], (await _client.SearchAsync(SearchData.Q($"{m} iso9001"))).Ids());
        Assert.Equal(0, (await _client.SearchAsync(SearchData.Q($"{m} ISO14001"))).Total());

        var hit = (await _client.SearchAsync(SearchData.Q($"{m} iso9001"))).GetProperty("hits")[0];
        Assert.Contains("<mark>ISO9001</mark>", hit.GetProperty("snippet").GetString());
        var taxHit = (await _client.SearchAsync(SearchData.Q($"{m} 税务"))).GetProperty("hits")[0];
        Assert.Contains("<mark>税务</mark>局", taxHit.GetProperty("snippet").GetString());
        Assert.Contains("登记&amp;备案", taxHit.GetProperty("snippet").GetString()); // entities decoded, then encoded once
        Assert.Equal($"<mark>{m}</mark>开业登记一站办", taxHit.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Long_words_match_only_as_one_unbroken_run_and_four_characters_inside_a_longer_run()
    {
        var m = SearchData.Marker();
        var whole = new TestItem($"{m}政策咨询", "<p>联系中小企业服务中心预约上门辅导。</p>");
        var broken = new TestItem($"{m}园区代办", "<p>中小企业，服务中心设在园区一楼。</p>");
        var spread = new TestItem($"{m}企业服务热线", "<p>中小企业可拨打热线。另设服务中心。</p>");
        var inside = new TestItem($"{m}研发费用加计扣除辅导", "协助科技型企业归集研发费用");
        await app.PublishAsync(whole, broken, spread, inside);
        await _client.IndexedAsync(SearchData.Q(m), 4);

        // Eight characters: only the document holding them in one run, not those with both halves apart.
        Assert.Equal([whole.Id], (await _client.SearchAsync(SearchData.Q($"{m} 中小企业服务中心"))).Ids());
        // Five characters spanning a comma are not a run either.
        Assert.Equal([whole.Id], (await _client.SearchAsync(SearchData.Q($"{m} 中小企业服"))).Ids());
        // Four characters inside longer runs, in the title and in the text.
        Assert.Equal([inside.Id], (await _client.SearchAsync(SearchData.Q($"{m} 费用加计"))).Ids());
        Assert.Equal([inside.Id], (await _client.SearchAsync(SearchData.Q($"{m} 技型企业"))).Ids());
        Assert.Equal(3, (await _client.SearchAsync(SearchData.Q($"{m} 中小企业"))).Total());
        // Title and text are one field to match, but no run spans the seam between them.
        Assert.Equal(0, (await _client.SearchAsync(SearchData.Q($"{m} 扣除辅导协助"))).Total());
        Assert.Equal([inside.Id], (await _client.SearchAsync(SearchData.Q($"{m} 扣除辅导 协助科技"))).Ids());
    }

    [Fact]
    public async Task A_repeated_search_is_answered_again_after_a_change_and_no_cache_asks_the_engine()
    {
        var m = SearchData.Marker();
        await app.PublishAsync(new TestItem($"{m}首贷辅导"));
        await _client.IndexedAsync(SearchData.Q(m), 1);
        Assert.Equal(1, (await _client.SearchAsync(SearchData.Q(m))).Total()); // now in the result cache

        await app.PublishAsync(new TestItem($"{m}续贷辅导"));
        await _client.IndexedAsync(SearchData.Q(m), 2); // the refresh drops the cached answer

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/search?" + SearchData.Q(m));
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Total());
    }

    [Fact]
    public async Task A_query_word_also_finds_its_seeded_synonyms_and_they_are_highlighted()
    {
        var m = SearchData.Marker();
        var loan = new TestItem($"{m}小微企业贷款", "信用贷款，最快三天放款");
        var bookkeeping = new TestItem($"{m}财务外包", "<p>提供代理记账与纳税申报</p>", "finance", "财务代理记账");
        await app.PublishAsync(loan, bookkeeping);
        await _client.IndexedAsync(SearchData.Q(m), 2);

        var financing = await _client.SearchAsync(SearchData.Q($"{m} 融资"));
        Assert.Equal([loan.Id], financing.Ids());
        Assert.Contains("<mark>贷款</mark>", financing.GetProperty("hits")[0].GetProperty("title").GetString());
        var word = financing.GetProperty("words").EnumerateArray().Single(w => w.GetProperty("word").GetString() == "融资");
        Assert.Contains("贷款", word.GetProperty("synonyms").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal([bookkeeping.Id], (await _client.SearchAsync(SearchData.Q($"{m} 代账"))).Ids());
    }

    [Fact]
    public async Task Facet_counts_cover_every_match_and_drill_down_with_the_filters()
    {
        var m = SearchData.Marker();
        TestItem[] items =
        [
            new($"{m}银行信贷一", Category: "finance", Sub: "银行信贷", Fee: FeeType.Free, Mode: ServiceMode.Online, Regions: "430405,430400", Evaluations: 5, EvaluationTotal: 24),
            new($"{m}融资担保二", Category: "finance", Sub: "融资担保", Fee: FeeType.Discounted, Mode: ServiceMode.OnSite, Regions: "430421", Evaluations: 5, EvaluationTotal: 21),
            new($"{m}合同审查三", Category: "legal", Sub: "合同审查", Fee: FeeType.Market, Mode: ServiceMode.Both, Regions: "430405"),
            new($"{m}银行信贷四", Category: "finance", Sub: "银行信贷", Fee: FeeType.PublicInterest, Mode: ServiceMode.Online, Regions: "430400", Evaluations: 2, EvaluationTotal: 6),
            new($"{m}企业上云五", Category: "digital", Sub: "企业上云", Fee: FeeType.Free, Mode: ServiceMode.OnSite, Regions: "430407,430405", Evaluations: 2, EvaluationTotal: 9),
        ];
        await app.PublishAsync(items);
        await _client.IndexedAsync(SearchData.Q(m), items.Length);

        var all = await _client.SearchAsync(SearchData.Q(m));
        AssertFacets(items, all, categoryChosen: false);
        Assert.Equal(items.Length, all.Kinds()["item"]);
        Assert.Equal(0, all.Kinds()["institution"]);

        var finance = await _client.SearchAsync(SearchData.Q(m) + "&category=finance");
        var inFinance = items.Where(i => i.Category == "finance").ToArray();
        Assert.Equal(inFinance.Length, finance.Total());
        AssertFacets(inFinance, finance, categoryChosen: true);
        Assert.Equal([("category", "finance", "财税融资")], finance.GetProperty("filters").EnumerateArray()
            .Select(f => (f.GetProperty("field").GetString(), f.GetProperty("value").GetString(), f.GetProperty("label").GetString())).ToArray());

        var narrowed = await _client.SearchAsync(SearchData.Q(m) + "&category=finance&sub=" + Uri.EscapeDataString("银行信贷") + "&fee=free");
        Assert.Equal(items.Count(i => i.Sub == "银行信贷" && i.Fee == FeeType.Free), narrowed.Total());
        var rated = await _client.SearchAsync(SearchData.Q(m) + "&rating=4");
        Assert.Equal(items.Where(i => i.Rating >= 4).Select(i => i.Id).Order(), rated.Ids().Order());
        var unrated = await _client.SearchAsync(SearchData.Q(m) + "&rating=none");
        Assert.Equal(items.Where(i => i.Rating is null).Select(i => i.Id), unrated.Ids());
        var onsite = await _client.SearchAsync(SearchData.Q(m) + "&mode=onsite&region=430405");
        Assert.Equal(items.Where(i => i.Mode != ServiceMode.Online && ServedRegions(i).Contains("430405")).Select(i => i.Id).Order(), onsite.Ids().Order());

        // The tabs count every kind, also while another kind is chosen.
        var institutions = await _client.SearchAsync(SearchData.Q(m) + "&kind=institution");
        Assert.Equal(0, institutions.Total());
        Assert.Equal(items.Length, institutions.Kinds()["item"]);
    }

    /// <summary>An item serving 衡阳市 (the whole city) serves every county and park.</summary>
    private static string[] ServedRegions(TestItem i) => i.Regions.Split(',').Contains("430400")
        ? Qifu.Web.Platform.Regions.RegionCodes.Hengyang.Select(r => r.Code).ToArray()
        : i.Regions.Split(',');

    private static void AssertFacets(TestItem[] items, JsonElement result, bool categoryChosen)
    {
        var facets = result.Facets();
        Assert.Equal(Count(items, i => [i.Category]), facets["category"]);
        Assert.Equal(Count(items, ServedRegions), facets["region"]);
        Assert.Equal(Count(items, i => [i.Fee switch { FeeType.Free => "free", FeeType.PublicInterest => "public", FeeType.Discounted => "discounted", _ => "market" }]), facets["fee"]);
        Assert.Equal(Count(items, i => i.Mode switch { ServiceMode.Online => ["online"], ServiceMode.OnSite => ["onsite"], _ => ["online", "onsite"] }), facets["mode"]);
        Assert.Equal(Count(items, i => i.Rating is { } r ? new[] { ("4.5", 4.5), ("4", 4.0), ("3", 3.0) }.Where(b => r >= b.Item2).Select(b => b.Item1) : ["none"]), facets["rating"]);
        if (categoryChosen) Assert.Equal(Count(items, i => [i.Sub]), facets["sub"]);
        else Assert.False(facets.ContainsKey("sub"));
    }

    private static Dictionary<string, int> Count(IEnumerable<TestItem> items, Func<TestItem, IEnumerable<string>> values) =>
        items.SelectMany(values).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task The_page_shows_facets_chips_that_remove_one_filter_tabs_and_sort_links()
    {
        var m = SearchData.Marker();
        await app.PublishAsync(new TestItem($"{m}免费信贷咨询", Fee: FeeType.Free), new TestItem($"{m}市场价信贷咨询", Fee: FeeType.Market));
        await _client.IndexedAsync(SearchData.Q(m), 2);
        var q = Uri.EscapeDataString(m);

        var response = await _client.GetAsync($"/search?q={q}&category=finance&sub={Uri.EscapeDataString("银行信贷")}&fee=free");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal("search", doc.QuerySelector("input#search-q")!.GetAttribute("type"));
        Assert.NotNull(doc.QuerySelector("label[for=search-q]"));
        Assert.Contains("找到约 1 条结果", doc.QuerySelector(".search-count")!.TextContent.Replace("\n", " ").Replace("  ", " "));

        var chips = doc.QuerySelectorAll(".search-chips a.chip").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href"))).ToList();
        Assert.Equal(3, chips.Count);
        Assert.Equal($"/search?q={q}&fee=free", chips.Single(c => c.Text.StartsWith("服务类别：财税融资")).Href); // the sub-category goes with it
        Assert.Equal($"/search?q={q}&category=finance&fee=free", chips.Single(c => c.Text.StartsWith("服务子类：银行信贷")).Href);
        Assert.Equal($"/search?q={q}&category=finance&sub={Uri.EscapeDataString("银行信贷")}", chips.Single(c => c.Text.StartsWith("收费方式：免费")).Href);
        Assert.Equal($"/search?q={q}", doc.QuerySelector(".chips-clear")!.GetAttribute("href"));

        var tabs = doc.QuerySelectorAll(".search-tabs a").ToList();
        Assert.Equal("page", tabs[0].GetAttribute("aria-current"));
        Assert.Contains("服务项目", tabs[1].TextContent);
        Assert.Contains("服务机构", tabs[2].TextContent);
        Assert.Equal("true", doc.QuerySelectorAll(".search-sort a").Single(a => a.TextContent == "相关度").GetAttribute("aria-current"));
        Assert.Contains(doc.QuerySelectorAll(".search-sort a"), a => a.GetAttribute("href") == $"/search?q={q}&category=finance&sub={Uri.EscapeDataString("银行信贷")}&fee=free&sort=newest");
        Assert.NotNull(doc.QuerySelector("nav[aria-label=筛选条件] a[aria-current=true]"));
        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Empty(doc.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Results_sort_by_relevance_newest_rating_and_popularity()
    {
        var m = SearchData.Marker();
        var day = new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc);
        var inTitle = new TestItem($"{m}跨境电商培训", "面向外贸企业", "market", "电子商务", PublishedAt: day, Evaluations: 1, EvaluationTotal: 3, Requests: 1);
        var inBody = new TestItem($"{m}网店运营实训", "课程涵盖跨境电商平台规则与选品，结合大量案例讲解店铺运营与推广方法", "market", "电子商务",
            PublishedAt: day.AddDays(2), Evaluations: 2, EvaluationTotal: 10, Requests: 7);
        var unrated = new TestItem($"{m}出口退税辅导", "跨境电商出口退税", "market", "外贸服务", PublishedAt: day.AddDays(5), Requests: 3, Claims: 1);
        await app.PublishAsync(inTitle, inBody, unrated);
        await _client.IndexedAsync(SearchData.Q(m), 3);

        var relevance = (await _client.SearchAsync(SearchData.Q($"{m} 跨境电商"))).Ids();
        Assert.Equal(inTitle.Id, relevance[0]); // a title hit ranks above body hits
        Assert.Equal([unrated.Id, inBody.Id, inTitle.Id], (await _client.SearchAsync(SearchData.Q(m) + "&sort=newest")).Ids());
        Assert.Equal([inBody.Id, inTitle.Id, unrated.Id], (await _client.SearchAsync(SearchData.Q(m) + "&sort=rating")).Ids());
        Assert.Equal([inBody.Id, unrated.Id, inTitle.Id], (await _client.SearchAsync(SearchData.Q(m) + "&sort=popularity")).Ids());
        Assert.Equal("relevance", (await _client.SearchAsync(SearchData.Q(m))).GetProperty("sort").GetString());
    }

    [Fact]
    public async Task Pages_split_the_results_without_overlap()
    {
        var m = SearchData.Marker();
        var start = new DateTime(2026, 10, 1, 2, 0, 0, DateTimeKind.Utc);
        var items = Enumerable.Range(0, 23).Select(i => new TestItem($"{m}分页服务{i}", PublishedAt: start.AddHours(i))).ToArray();
        await app.PublishAsync(items);
        await _client.IndexedAsync(SearchData.Q(m), items.Length);

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++) pages.Add(await _client.SearchAsync(SearchData.Q(m) + $"&sort=newest&pageSize=10&page={page}"));
        Assert.Equal([10, 10, 3], pages.Select(p => p.GetProperty("hits").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal(3, p.GetProperty("pages").GetInt32()));
        var seen = pages.SelectMany(p => p.Ids()).ToList();
        Assert.Equal(items.OrderByDescending(i => i.PublishedAt).Select(i => i.Id), seen);

        var html = await _client.GetStringAsync($"/search?q={Uri.EscapeDataString(m)}&pageSize=10&page=2");
        Assert.Contains("第 2 / 3 页", html);
        Assert.Contains("下一页", html);
        Assert.Contains("上一页", html);
    }

    [Fact]
    public async Task Markup_in_titles_and_text_stays_text_and_only_marks_are_html()
    {
        var m = SearchData.Marker();
        var item = new TestItem($"{m}<script>alert(1)</script>续贷", "<p>续贷 &lt;b&gt;加粗&lt;/b&gt; \"引号\"</p>");
        await app.PublishAsync(item);
        await _client.IndexedAsync(SearchData.Q(m), 1);

        var hit = (await _client.SearchAsync(SearchData.Q($"{m} 续贷"))).GetProperty("hits")[0];
        Assert.Equal($"<mark>{m}</mark>&lt;script&gt;alert(1)&lt;/script&gt;<mark>续贷</mark>", hit.GetProperty("title").GetString());
        Assert.Contains("<mark>续贷</mark> &lt;b&gt;加粗&lt;/b&gt; &quot;引号&quot;", hit.GetProperty("snippet").GetString());

        var html = await _client.GetStringAsync($"/search?q={Uri.EscapeDataString(m + " 续贷")}");
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;<mark>续贷</mark>", html);
    }

    [Fact]
    public async Task Bad_parameters_get_problem_json_naming_the_field_in_chinese()
    {
        foreach (var (query, field) in new[]
                 {
                     ("sort=cheapest", "sort"), ("pageSize=101", "pageSize"), ("page=abc", "page"), ("q=" + new string('续', 101), "q"),
                     ("kind=nope", "kind"), ("category=nope", "category"), ("sub=" + Uri.EscapeDataString("银行信贷"), "sub"), ("fee=cheap", "fee"),
                 })
        {
            var response = await _client.GetAsync("/api/v1/search?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains(messages, message => message.Contains($"（{field}）") && message.Any(c => c >= 0x4e00 && c <= 0x9fff));
        }

        // The page names the problem and still searches without the bad parameter.
        var page = await _client.GetAsync("/search?q=" + Uri.EscapeDataString("律师") + "&sort=cheapest");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("排序方式（sort）只能是", html);
        Assert.Contains("湖南湘南律师事务所", html);
    }

    [Fact]
    public async Task Without_words_it_browses_everything_newest_first_and_finds_demo_institutions_by_words()
    {
        var browse = await _client.SearchAsync("");
        Assert.Equal("newest", browse.GetProperty("sort").GetString());
        Assert.True(browse.Total() >= 4);
        var dates = browse.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("date").GetDateTime()).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/search")).StatusCode);

        var lawyers = await _client.SearchAsync("q=" + Uri.EscapeDataString("律师") + "&kind=institution");
        var names = lawyers.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()).ToList();
        Assert.Contains("湖南湘南<mark>律师</mark>事务所", names);
        Assert.DoesNotContain(names, n => n!.Contains("会计师"));
        Assert.DoesNotContain(names, n => n!.Contains("商贸流通")); // suspended
        var first = lawyers.GetProperty("hits")[0];
        Assert.Equal($"/institutions/{first.GetProperty("id").GetGuid()}", first.GetProperty("url").GetString());
    }

    [Fact]
    public async Task No_hit_offers_ways_out()
    {
        var m = SearchData.Marker();
        var html = await _client.GetStringAsync($"/search?q={Uri.EscapeDataString(m + " 知识产权")}&category=finance");
        var doc = new HtmlParser().ParseDocument(html);
        var empty = doc.QuerySelector(".search-empty")!;
        Assert.Contains("没有找到", empty.TextContent);
        var hrefs = empty.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/search?q={Uri.EscapeDataString(m + " 知识产权")}", hrefs); // remove the filter
        Assert.Contains("/search?q=" + Uri.EscapeDataString("知识产权"), hrefs);     // one word only
        Assert.Contains("/search?q=" + Uri.EscapeDataString("产权"), hrefs);         // a shorter word inside a long one
        Assert.Contains("/search?category=legal", hrefs);                           // browse a category
    }
}
