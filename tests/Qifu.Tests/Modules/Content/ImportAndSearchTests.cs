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
