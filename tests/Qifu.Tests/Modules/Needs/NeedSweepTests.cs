using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Needs;
using Qifu.Web.Modules.Needs.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Tests.Modules.Needs;

/// <summary>The sweep (expiry, follow-up list) run by hand, and the figures recomputed from the rows.</summary>
[Collection(NeedsCollection.Name)]
public sealed class NeedSweepTests(QifuApp app)
{
    [Fact]
    public async Task A_need_past_its_deadline_expires_once_and_is_audited()
    {
        var (enterpriseId, enterprise) = await app.NewEnterpriseAsync();
        var open = await app.OpenNeedAsync(enterprise);
        var pending = await app.PostNeedAsync(enterprise);
        var current = await app.OpenNeedAsync(enterprise);
        var yesterday = HengyangCalendar.Today(app.Clock).AddDays(-1);
        await app.WithDbAsync(db => db.Needs.Where(n => n.Id == open || n.Id == pending).ExecuteUpdateAsync(s => s.SetProperty(n => n.Deadline, yesterday)));

        var expired = await app.WithScopeAsync(sp => sp.GetRequiredService<NeedSweep>().ExpireAsync());
        Assert.True(expired >= 2);
        var statuses = await app.WithDbAsync(db => db.Needs.Where(n => n.Id == open || n.Id == pending || n.Id == current).ToDictionaryAsync(n => n.Id, n => n.Status));
        Assert.Equal(NeedStatus.Expired, statuses[open]);
        Assert.Equal(NeedStatus.Expired, statuses[pending]);
        Assert.Equal(NeedStatus.Open, statuses[current]);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<NeedSweep>().ExpireAsync()));
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "需求过期" && (a.EntityId == open.ToString() || a.EntityId == pending.ToString())));
        Assert.Equal(2, audited);
        Assert.Equal(HttpStatusCode.Conflict, (await enterprise.PostAsJsonAsync($"/api/v1/needs/{open}/close", new { reason = "不需要了" })).StatusCode);
    }

    [Fact]
    public async Task A_need_without_answers_goes_on_the_county_follow_up_list_after_the_set_working_days()
    {
        var (_, enterprise) = await app.NewEnterpriseAsync();
        var quiet = await app.OpenNeedAsync(enterprise);
        var fresh = await app.OpenNeedAsync(enterprise);
        var answered = await app.OpenNeedAsync(enterprise);
        var accountant = await app.ApiAsync(Http.Institution);
        var item = await app.LiveItemAsync(await app.InstitutionIdAsync(NeedArrange.Accountant), "finance");
        Assert.Equal(HttpStatusCode.OK, (await accountant.PostAsJsonAsync($"/api/v1/needs/{answered}/proposal", NeedArrange.ProposalBody(item))).StatusCode);
        var longAgo = app.Clock.GetUtcNow().UtcDateTime.AddDays(-10);
        await app.WithDbAsync(db => db.Needs.Where(n => n.Id == quiet || n.Id == answered).ExecuteUpdateAsync(s => s.SetProperty(n => n.OpenedAt, longAgo)));

        var flagged = await app.WithScopeAsync(sp => sp.GetRequiredService<NeedSweep>().FollowUpAsync());
        Assert.True(flagged >= 1);
        var rows = await app.WithDbAsync(db => db.Needs.Where(n => n.Id == quiet || n.Id == fresh || n.Id == answered).ToDictionaryAsync(n => n.Id, n => n.FollowUpSince));
        Assert.NotNull(rows[quiet]);
        Assert.Null(rows[fresh]);
        Assert.Null(rows[answered]);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<NeedSweep>().FollowUpAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.InboxMessages.CountAsync(m => m.Topic == "need.follow-up" && m.Link == $"/manage/needs/{quiet}"
            && db.Users.Any(u => u.Id == m.UserId && u.UserName == Http.ZhuhuiOperator))));

        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var list = await (await op.GetAsync("/api/v1/needs/follow-ups")).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == quiet);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == fresh);
        var noNote = await op.PostAsJsonAsync($"/api/v1/needs/{quiet}/follow-up", new { note = "" });
        Assert.Equal("请填写跟进情况", (await noNote.JsonAsync()).GetProperty("errors").GetProperty("note")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync($"/api/v1/needs/{quiet}/follow-up", new { note = "已电话联系企业，建议补充预算后派单" })).StatusCode);
        var other = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.DoesNotContain(quiet.ToString(), await other.GetStringAsync("/api/v1/needs/follow-ups"));
    }

    [Fact]
    public async Task Figures_match_a_count_of_the_rows()
    {
        // Some answered needs so the median has something to work on.
        var (_, enterprise) = await app.NewEnterpriseAsync();
        var accountant = await app.ApiAsync(Http.Institution);
        var item = await app.LiveItemAsync(await app.InstitutionIdAsync(NeedArrange.Accountant), "finance");
        for (var i = 0; i < 3; i++)
        {
            var id = await app.OpenNeedAsync(enterprise);
            var opened = app.Clock.GetUtcNow().UtcDateTime.AddHours(-5 * (i + 1));
            await app.WithDbAsync(db => db.Needs.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.OpenedAt, opened)));
            Assert.Equal(HttpStatusCode.OK, (await accountant.PostAsJsonAsync($"/api/v1/needs/{id}/proposal", NeedArrange.ProposalBody(item))).StatusCode);
        }

        var rows = await app.WithDbAsync(db => db.Needs.AsNoTracking().Where(n => n.OpenedAt != null)
            .Select(n => new { n.RegionCode, n.Status, n.OpenedAt, n.FirstProposalAt }).ToListAsync());
        var city = await (await (await app.ApiAsync(Http.CityOperator)).GetAsync("/api/v1/needs/figures")).JsonAsync();
        foreach (var row in city.EnumerateArray())
        {
            var code = row.GetProperty("regionCode").GetString()!;
            var mine = code == "" ? rows : rows.Where(r => r.RegionCode == code).ToList();
            Assert.Equal(mine.Count, row.GetProperty("posted").GetInt32());
            var docked = mine.Count(r => r.Status == NeedStatus.Docked);
            Assert.Equal(docked, row.GetProperty("docked").GetInt32());
            Assert.Equal((double)docked / mine.Count, row.GetProperty("dockingRate").GetDouble(), 6);
            var waits = mine.Where(r => r.FirstProposalAt != null).Select(r => (r.FirstProposalAt!.Value - r.OpenedAt!.Value).TotalHours).OrderBy(h => h).ToList();
            var median = waits.Count == 0 ? (double?)null : waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[waits.Count / 2 - 1] + waits[waits.Count / 2]) / 2;
            var shown = row.GetProperty("medianHoursToFirstAnswer");
            if (median is null) Assert.Equal(System.Text.Json.JsonValueKind.Null, shown.ValueKind);
            else Assert.Equal(median.Value, shown.GetDouble(), 3);
        }
        Assert.Contains(city.EnumerateArray(), r => r.GetProperty("regionCode").GetString() == "430405");
        Assert.Equal(rows.Count, city.EnumerateArray().Single(r => r.GetProperty("regionName").GetString() == "合计").GetProperty("posted").GetInt32());

        var county = await (await (await app.ApiAsync(Http.ZhuhuiOperator)).GetAsync("/api/v1/needs/figures")).JsonAsync();
        var only = Assert.Single(county.EnumerateArray());
        Assert.Equal("430405", only.GetProperty("regionCode").GetString());
        Assert.Equal(rows.Count(r => r.RegionCode == "430405"), only.GetProperty("posted").GetInt32());
    }
}
