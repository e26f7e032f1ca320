using System.Net;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Platform.Dictionaries;

namespace Qifu.Tests.Modules.Search;

[Collection(SearchApp.Name)]
public sealed class SynonymAdminTests(QifuApp app)
{
    [Fact]
    public async Task A_city_operator_adds_a_synonym_group_which_takes_effect_and_is_audited()
    {
        var m = SearchData.Marker();
        var search = app.CreateClient();
        var item = new TestItem($"{m}申报材料辅导", "高企认定全程代办", "policy", "资质认定辅导");
        await app.PublishAsync(item);
        await search.IndexedAsync(SearchData.Q(m), 1);
        var word = m[..2] + "高新"; // a word of this test only, so the new group cannot clash with another
        Assert.Equal(0, (await search.SearchAsync(SearchData.Q($"{m} {word}"))).Total());

        var city = await app.SignedInAsync(Http.CityOperator);
        Assert.Contains("融资 贷款 借款", await city.GetStringAsync("/admin/search-synonyms"));
        var added = await city.PostFormAsync("/admin/search-synonyms?handler=Add", new() { ["Input.Words"] = $"{word}，高企" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal([item.Id], (await search.SearchAsync(SearchData.Q($"{m} {word}"))).Ids());

        var group = await app.WithDbAsync(db => db.DictionaryItems.AsNoTracking().SingleAsync(d => d.Kind == DictionaryKinds.SearchSynonym && d.Name == $"{word} 高企"));
        Assert.StartsWith("syn-", group.Code);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "搜索同义词" && a.EntityId == group.Code && a.Action == "新增同义词组")));

        var taken = await city.PostFormAsync("/admin/search-synonyms?handler=Add", new() { ["Input.Words"] = "贷款 信贷" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("“贷款”已在同义词组“融资 贷款 借款”中", await taken.Content.ReadAsStringAsync());
        var single = await city.PostFormAsync("/admin/search-synonyms?handler=Add", new() { ["Input.Words"] = "孤词" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, single.StatusCode);

        var disabled = await city.PostFormAsync($"/admin/search-synonyms?handler=Update&id={group.Id}", new() { ["words"] = group.Name }, "/admin/search-synonyms");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(0, (await search.SearchAsync(SearchData.Q($"{m} {word}"))).Total());
    }

    [Fact]
    public async Task Only_city_operators_manage_synonyms()
    {
        var county = await app.SignedInAsync(Http.ZhuhuiOperator);
        Assert.NotEqual(HttpStatusCode.OK, (await county.GetAsync("/admin/search-synonyms")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Browser().GetAsync("/admin/search-synonyms")).StatusCode);
    }
}
