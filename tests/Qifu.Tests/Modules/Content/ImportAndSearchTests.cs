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
