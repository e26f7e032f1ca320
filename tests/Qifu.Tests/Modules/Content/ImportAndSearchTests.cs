using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qifu.Tests.Modules.Search;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Content.ImportArticles;

namespace Qifu.Tests.Modules.Content;

[Collection(ContentApp.Name)]
public sealed class ImportAndSearchTests(QifuApp app)
{
    [Fact]
    public async Task An_import_with_one_bad_row_imports_nothing_and_names_row_and_column()
    {
        var title = Articles.Unique("导入的工作动态");
        var rows = new[]
        {
            Row(title + "一", "工作动态", "2024-05-06"),
            Row(title + "二", "政策文件", "2024-05-07", issuer: ""), // a policy without its issuer
            Row(title + "三", "典型案例", "明天"),
        };
        var city = await app.ApiAsync(Http.CityOperator);
        var response = await city.PostAsync("/api/v1/articles/import", Upload(rows));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("第3行 发文机关", out _));
        Assert.True(errors.TryGetProperty("第4行 发布日期", out _));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title.StartsWith(title))));

        rows[1] = Row(title + "二", "政策文件", "2024-05-07");
        rows[2] = Row(title + "三", "典型案例", "2024-05-08");
        response = await city.PostAsync("/api/v1/articles/import", Upload(rows));
        response.EnsureSuccessStatusCode();
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        var stored = await app.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.Title.StartsWith(title)).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.Equal("衡阳市发展和改革委员会", stored.Single(a => a.Title.EndsWith("二")).Policy!.Issuer);
        Assert.Contains(title + "一", await app.Browser().GetStringAsync($"/articles/{stored.Single(a => a.Title.EndsWith("一")).Id}"));
    }

    [Fact]
    public async Task A_zip_of_the_old_sites_pages_imports_all_or_nothing_and_names_the_file()
    {
        var title = Articles.Unique("迁移的通知");
        var pages = new Dictionary<string, string>
        {
            ["通知公告/2024/a.html"] = Page(title + "一", "<meta name=\"PubDate\" content=\"2024-05-06 09:30\"><meta name=\"ContentSource\" content=\"市中小企业服务中心\">"),
            ["工作动态/b.html"] = Page(title + "二", ""), // no date
        };
        var city = await app.ApiAsync(Http.CityOperator);
        var response = await city.PostAsync("/api/v1/articles/import", Zip(pages));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("工作动态/b.html 发布日期", out _), errors.ToString());
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title.StartsWith(title))));

        pages["工作动态/b.html"] = Page(title + "二", "<meta name=\"PubDate\" content=\"2024-05-07\">");
        response = await city.PostAsync("/api/v1/articles/import", Zip(pages));
        response.EnsureSuccessStatusCode();
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
        var stored = await app.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.Title.StartsWith(title)).ToListAsync());
        var notice = stored.Single(a => a.Title == title + "一");
        Assert.Equal(Qifu.Web.Modules.Content.Data.ArticleKind.Notice, notice.Kind);
        Assert.Equal("市中小企业服务中心", notice.Source);
        Assert.Equal(new DateTime(2024, 5, 6, 1, 30, 0, DateTimeKind.Utc), notice.PublishAt);
        Assert.Contains("企业可在线申报", notice.Body);
        Assert.DoesNotContain("<script", notice.Body);
        Assert.DoesNotContain(title, notice.Body); // the heading became the title, not a line of the body
        Assert.Equal(Qifu.Web.Modules.Content.Data.ArticleKind.News, stored.Single(a => a.Title == title + "二").Kind);
    }

    private static string Page(string title, string meta) =>
        $"<html><head><title>{title} - 衡阳市中小企业服务中心</title>{meta}</head><body><h1>{title}</h1>" +
        "<p>各县市区中小企业主管部门：企业可在线申报本年度专项资金，截止日期以通知为准。</p><script>alert(1)</script></body></html>";

    private static MultipartFormDataContent Zip(Dictionary<string, string> pages)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, html) in pages)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new System.Text.UTF8Encoding(false));
                writer.Write(html);
            }
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        content.Add(file, "file", "old-site.zip");
        return content;
    }

    [Fact]
    public async Task Policy_columns_are_read_and_checked_like_the_form_and_one_bad_cell_imports_nothing()
    {
        var title = Articles.Unique("导入的政策");
        ArticleImportRow Policy(string suffix, Action<ArticleImportRow> set)
        {
            var row = Row(title + suffix, "政策文件", "2026-04-02");
            row.IndexNumber = "430400-2026-00031"; row.WrittenOn = "2026-03-28"; row.SupportType = "资金支持类"; row.Validity = "现行有效";
            row.ValidFrom = "2026-04-02"; row.ValidUntil = "2028-12-31"; row.Sizes = "小型、微型"; row.Industries = "制造业"; row.Regions = "珠晖区";
            row.Qualifications = "专精特新中小企业"; row.OtherConditions = "上年度研发投入占营业收入比重不低于3%；近两年未发生重大安全事故";
            row.ApplyFrom = "2026-04-10"; row.ApplyUntil = "2027-06-30";
            set(row);
            return row;
        }
        var rows = new[]
        {
            Policy("一", _ => { }),
            Policy("二", r => r.Sizes = "小型、巨型"),
            Policy("三", r => r.Validity = "已废止"),
            Policy("四", r => { r.ValidUntil = "2026-01-01"; r.ApplyUntil = "下个月"; r.SupportType = "贷款"; }),
        };
        var city = await app.ApiAsync(Http.CityOperator);
        var response = await city.PostAsync("/api/v1/articles/import", Upload(rows));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("巨型", errors.GetProperty("第3行 适用规模")[0].GetString());
        Assert.Contains("废止日期", errors.GetProperty("第4行 废止日期")[0].GetString());
        Assert.Contains("有效期截止日期不能早于开始日期", errors.GetProperty("第5行 有效期至")[0].GetString());
        Assert.True(errors.TryGetProperty("第5行 申报截止", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("第5行 支持方式", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("第2行 适用规模", out _));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title.StartsWith(title))));

        response = await city.PostAsync("/api/v1/articles/import", Upload([rows[0], Policy("三", r => { r.Validity = "已废止"; r.RepealedOn = "2026-09-30"; })]));
        response.EnsureSuccessStatusCode();
        var stored = await app.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.Title.StartsWith(title)).ToListAsync());
        var p = stored.Single(a => a.Title == title + "一").Policy!;
        Assert.Equal(("430400-2026-00031", "衡发改〔2024〕8号", "资金支持类"), (p.IndexNumber, p.DocumentNumber, p.SupportType));
        Assert.Equal((new DateOnly(2026, 3, 28), new DateOnly(2026, 4, 2), new DateOnly(2028, 12, 31)), (p.WrittenOn, p.ValidFrom, p.ValidUntil));
        Assert.Equal(("Small,Micro", "C", "430405", "zjtx"), (p.SizeClasses, p.IndustrySections, p.Regions, p.Qualifications));
        Assert.Equal((new DateOnly(2026, 4, 10), new DateOnly(2027, 6, 30)), (p.ApplyFrom, p.ApplyUntil));
        Assert.Equal("上年度研发投入占营业收入比重不低于3%\n近两年未发生重大安全事故", p.OtherConditions);
        Assert.False(p.ApplicabilityUnknown);
        var repealed = stored.Single(a => a.Title == title + "三").Policy!;
        Assert.Equal((Qifu.Web.Modules.Content.Data.PolicyValidity.Repealed, new DateOnly(2026, 9, 30)), (repealed.Validity, repealed.RepealedOn));
    }

    [Fact]
    public async Task The_template_carries_the_policy_columns_and_imports_as_it_comes()
    {
        var browser = await app.SignedInAsync(Http.CityOperator);
        var template = await browser.GetByteArrayAsync("/manage/articles/import?handler=Template");
        using var stream = new MemoryStream(template);
        var header = ((IDictionary<string, object?>)stream.Query(useHeaderRow: false).First()).Values.Select(v => v?.ToString()).ToList();
        foreach (var column in new[] { "索引号", "发文机关", "发文字号", "成文日期", "政策层级", "政策主题", "支持方式", "有效性", "有效期至", "废止日期",
                     "适用规模", "适用行业", "适用区域", "资质要求", "申报开始", "申报截止" })
            Assert.Contains(column, header);
        var page = await browser.GetStringAsync("/manage/articles/import");
        Assert.Contains("<code>ApplicableSizes</code>", page);
        Assert.Contains("<code>Issuer</code>", page);

        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(template), "file", "template.xlsx");
        var response = await (await app.ApiAsync(Http.CityOperator)).PostAsync("/api/v1/articles/import", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task An_imported_policy_without_conditions_is_marked_and_kept_out_of_matching_until_they_are_entered()
    {
        var title = Articles.Unique("迁移的历史政策");
        var bare = Row(title + "未录入", "政策文件", "2026-10-08");
        var open = Row(title + "不限", "政策文件", "2026-10-08");
        open.Sizes = "不限";
        var city = await app.ApiAsync(Http.CityOperator);
        (await city.PostAsync("/api/v1/articles/import", Upload([bare, open]))).EnsureSuccessStatusCode();
        var ids = await app.WithDbAsync(db => db.Articles.Where(a => a.Title.StartsWith(title)).ToDictionaryAsync(a => a.Title, a => a.Id));
        var bareId = ids[title + "未录入"];
        var openId = ids[title + "不限"];
        Assert.True(await app.WithDbAsync(db => db.Articles.Where(a => a.Id == bareId).Select(a => a.Policy!.ApplicabilityUnknown).SingleAsync()));

        Assert.Contains("未录入适用条件", await app.Browser().GetStringAsync($"/articles/{bareId}"));
        Assert.DoesNotContain("未录入适用条件", await app.Browser().GetStringAsync($"/articles/{openId}"));
        Assert.True((await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/articles/{bareId}")).GetProperty("policy").GetProperty("applicabilityUnknown").GetBoolean());
        var matched = await MatchedAsync(title);
        Assert.Contains(openId, matched);
        Assert.DoesNotContain(bareId, matched);
        Assert.Contains("导入时未填写适用条件", await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync($"/manage/articles/{bareId}"));

        // An operator enters the conditions (here: none, for every enterprise) and saves: from then on it is matched.
        var body = Articles.Policy(title + "未录入");
        (await city.PutAsJsonAsync($"/api/v1/articles/{bareId}", body)).EnsureSuccessStatusCode();
        Assert.Contains(bareId, await MatchedAsync(title));
    }

    [Fact]
    public async Task A_policy_page_carries_its_fields_in_meta_tags_and_a_missing_one_is_named_with_its_tag()
    {
        var title = Articles.Unique("迁移的政策网页");
        var pages = new Dictionary<string, string> { ["政策文件/2024/p.html"] = Page(title, "<meta name=\"PubDate\" content=\"2024-06-01\">") };
        var city = await app.ApiAsync(Http.CityOperator);
        var response = await city.PostAsync("/api/v1/articles/import", Zip(pages));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("<meta name=\"Issuer\"", errors.GetProperty("政策文件/2024/p.html 发文机关")[0].GetString());
        Assert.Contains("<meta name=\"PolicyLevel\"", errors.GetProperty("政策文件/2024/p.html 政策层级")[0].GetString());
        Assert.Contains("<meta name=\"PolicyTheme\"", errors.GetProperty("政策文件/2024/p.html 政策主题")[0].GetString());

        pages["政策文件/2024/p.html"] = Page(title, "<meta name=\"PubDate\" content=\"2024-06-01\"><meta name=\"Issuer\" content=\"衡阳市人民政府办公室\">" +
            "<meta name=\"PolicyLevel\" content=\"市级\"><meta name=\"PolicyTheme\" content=\"融资促进\">" +
            "<meta name=\"DocumentNumber\" content=\"衡政办发〔2024〕15号\"><meta name=\"ApplicableSizes\" content=\"小型、微型\">");
        response = await city.PostAsync("/api/v1/articles/import", Zip(pages));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var policy = await app.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.Title == title).Select(a => a.Policy).SingleAsync());
        Assert.Equal(("衡阳市人民政府办公室", Qifu.Web.Modules.Content.Data.PolicyLevel.City, "融资促进", "衡政办发〔2024〕15号", "Small,Micro"),
            (policy!.Issuer, policy.Level, policy.Theme, policy.DocumentNumber, policy.SizeClasses));
        Assert.False(policy.ApplicabilityUnknown);
    }

    private async Task<List<Guid>> MatchedAsync(string prefix) =>
        (await Articles.AllMatchesAsync(app)).Where(m => m.GetProperty("title").GetString()!.StartsWith(prefix)).Select(m => m.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task A_county_operator_cannot_import_into_another_county()
    {
        var rows = new[] { Row(Articles.Unique("衡阳县动态"), "工作动态", "2024-05-06", region: "衡阳县") };
        var response = await (await app.ApiAsync(Http.ZhuhuiOperator)).PostAsync("/api/v1/articles/import", Upload(rows));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("超出您的数据范围", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_published_article_is_found_in_its_search_tab_with_highlights()
    {
        var marker = SearchData.Marker();
        var title = $"{marker}专精特新企业经验交流会";
        var city = await app.ApiAsync(Http.CityOperator);
        await Articles.CreateAsync(city, Articles.News(title));
        var client = app.CreateClient();
        await client.IndexedAsync(SearchData.Q(marker) + "&kind=news", 1, seconds: 15);
        var result = await client.SearchAsync(SearchData.Q(marker));
        Assert.Equal(1, result.Kinds()["news"]);
        Assert.Contains("<mark>", result.GetProperty("hits")[0].GetProperty("title").GetString());
        var page = await app.Browser().GetStringAsync("/search?kind=news&q=" + Uri.EscapeDataString(marker));
        Assert.Contains("工作动态", page);
    }

    private static ArticleImportRow Row(string title, string kind, string date, string? issuer = "衡阳市发展和改革委员会", string region = "衡阳市") => new()
    {
        Kind = kind, Title = title, Body = "这是一篇从旧平台迁移过来的文章正文，内容完整。", Source = "旧平台", Author = "信息科", PublishedOn = date, Region = region,
        Issuer = kind == "政策文件" ? issuer : null, Level = kind == "政策文件" ? "市级" : null, Theme = kind == "政策文件" ? "综合政策" : null,
        DocumentNumber = kind == "政策文件" ? "衡发改〔2024〕8号" : null,
    };

    private static MultipartFormDataContent Upload(ArticleImportRow[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "articles.xlsx");
        return content;
    }
}
