using System.Net;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Platform.Dictionaries;

namespace Qifu.Tests.Modules.Administration;

[Collection(SharedApp.Name)]
public sealed class DictionariesTests(QifuApp app)
{
    [Fact]
    public async Task The_city_operator_adds_and_renames_an_enterprise_tag_and_each_change_is_audited()
    {
        var client = await app.SignedInAsync(Http.CityOperator);
        var code = "t" + Guid.NewGuid().ToString("N")[..8];
        var added = await client.PostFormAsync("/admin/dictionaries?handler=AddTag", new() { ["NewTag.Code"] = code, ["NewTag.Name"] = "瞪羚企业" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var item = await app.WithDbAsync(db => db.DictionaryItems.SingleAsync(d => d.Code == code));
        Assert.Equal("瞪羚企业", item.Name);

        var duplicate = await client.PostFormAsync("/admin/dictionaries?handler=AddTag", new() { ["NewTag.Code"] = code, ["NewTag.Name"] = "重复" });
        Assert.Equal((HttpStatusCode)422, duplicate.StatusCode);
        Assert.Contains("该编码已存在", await duplicate.Content.ReadAsStringAsync());

        var badCode = await client.PostFormAsync("/admin/dictionaries?handler=AddTag", new() { ["NewTag.Code"] = "大写X", ["NewTag.Name"] = "x" });
        Assert.Contains("编码为2至30位小写字母、数字或连字符", await badCode.Content.ReadAsStringAsync());

        await client.PostFormAsync($"/admin/dictionaries?handler=UpdateTag&id={item.Id}", new() { ["name"] = "瞪羚（高成长）企业", ["sortOrder"] = "9" });
        var renamed = await app.WithDbAsync(db => db.DictionaryItems.SingleAsync(d => d.Code == code));
        Assert.Equal("瞪羚（高成长）企业", renamed.Name);
        Assert.False(renamed.IsEnabled);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "字典" && a.EntityId == code)));
    }

    [Fact]
    public async Task A_changed_hotline_appears_in_every_footer()
    {
        var client = await app.SignedInAsync(Http.CityOperator);
        var saved = await client.PostFormAsync("/admin/dictionaries?handler=Settings", new() { [$"values[{Settings.Hotline}]"] = "0734-8888666" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("0734-8888666", await app.Browser().GetStringAsync("/"));
        Assert.Contains("0734-8888666", await app.Browser().GetStringAsync("/contact"));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "修改参数" && a.After!.Contains("0734-8888666"))));
    }

    [Fact]
    public async Task A_county_operator_cannot_change_dictionaries()
    {
        var county = await app.SignedInAsync(Http.ZhuhuiOperator);
        var response = await county.PostFormAsync("/admin/dictionaries?handler=AddTag", new() { ["NewTag.Code"] = "nope", ["NewTag.Name"] = "越权" }, Http.AnyFormPage);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
        Assert.False(await app.WithDbAsync(db => db.DictionaryItems.AnyAsync(d => d.Code == "nope")));
    }
}
