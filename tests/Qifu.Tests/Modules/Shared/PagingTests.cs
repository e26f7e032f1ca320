using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Modules.Activities;
using Qifu.Tests.Modules.Catalogue;
using Qifu.Tests.Modules.Institutions;
using Qifu.Tests.Modules.LoanRenewal;
using Qifu.Tests.Modules.Needs;
using Qifu.Tests.Modules.ServiceRequests;
using Qifu.Tests.Modules.Surveys;
using Qifu.Tests.Support;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Notifications;

namespace Qifu.Tests.Modules.Shared;

[CollectionDefinition(Name)]
public sealed class PagingCollection : ICollectionFixture<QifuApp>
{
    public const string Name = "paging app";
}

/// <summary>
/// ?Page=2 opens the second page of every paged list. Razor Pages has its own "page" route value (the page's path), which a
/// property or parameter bound as "Page" reads before the query string, so without [FromQuery] every list stayed on page 1.
/// Each test arranges more than a page of rows in its own app (some arrangements write straight to the database).
/// </summary>
[Collection(PagingCollection.Name)]
public sealed class PagingTests(QifuApp app)
{
    private const string Guid36 = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /// <summary>Page 2 says so in the pager and starts with another row than page 1; then the pager's own link opens it too.</summary>
    private static async Task SecondPageAsync(HttpClient client, string url, string rowPattern)
    {
        var first = await client.GetStringAsync(url);
        Assert.Contains("第 1 / ", first);
        var link = Regex.Match(first, "href=\"([^\"]*)\" rel=\"next\"").Groups[1].Value.Replace("&amp;", "&");
        Assert.Contains("Page=2", link);
        var second = await client.GetStringAsync(url + (url.Contains('?') ? "&" : "?") + "Page=2");
        Assert.Contains("第 2 / ", second);
        var rows1 = Regex.Matches(first, rowPattern).Select(m => m.Value).ToList();
        var rows2 = Regex.Matches(second, rowPattern).Select(m => m.Value).ToList();
        Assert.NotEmpty(rows1);
        Assert.NotEmpty(rows2);
        Assert.NotEqual(rows1[0], rows2[0]);
        Assert.Contains("第 2 / ", await client.GetStringAsync(url.Split('?')[0] + link));
    }

    [Fact]
    public async Task Survey_responses_and_text_answers_open_on_page_2()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        var (qid, k) = await op.QuestionnaireAsync();
        var batch = await op.BatchAsync(qid, regions: ["430405"], app: app);
        var i = 0;
        foreach (var ent in await app.EnterprisesAsync(21))
            (await ent.Client.AnswerAsync(batch, SurveyArrange.Answer(k, text: $"希望举办第{i++}场银企对接会"))).EnsureSuccessStatusCode();

        var browser = await app.SignedInAsync(Http.CityOperator);
        await SecondPageAsync(browser, $"/manage/surveys/batches/{batch}/responses", $"/manage/surveys/responses/{Guid36}");
        await SecondPageAsync(browser, $"/manage/surveys/batches/{batch}/texts/{k.Short}", "<p class=\"preline\">[^<]*</p>");
    }

    [Fact]
    public async Task The_inbox_opens_on_page_2()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == Http.HengyangCountyOperator).Select(u => u.Id).SingleAsync();
            for (var n = 0; n < 21; n++)
                db.InboxMessages.Add(new InboxMessage { Id = Guid.NewGuid(), UserId = user, Title = $"分页测试消息{n:00}", Topic = "test.paging", CreatedAt = now.AddMinutes(n) });
            return await db.SaveChangesAsync();
        });

        await SecondPageAsync(await app.SignedInAsync(Http.HengyangCountyOperator), "/inbox", "分页测试消息[0-9]{2}");
    }

    [Fact]
    public async Task Managed_and_public_activity_lists_open_on_page_2()
    {
        var op = await app.ApiAsync(Http.CityOperator);
        for (var n = 0; n < 21; n++)
        {
            var body = ActivityArrange.Body(app, capacity: 30, startsInDays: n + 1, title: $"分页测试宣讲会{n:00}");
            Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync("/api/v1/activities", body)).StatusCode);
        }

        await SecondPageAsync(await app.SignedInAsync(Http.CityOperator), "/manage/activities", $"/manage/activities/{Guid36}");
        await SecondPageAsync(app.Browser(), "/activities", $"href=\"/activities/{Guid36}\"");
    }

    [Fact]
    public async Task Request_lists_and_the_evaluations_on_item_and_institution_pages_open_on_page_2()
    {
        var item = await app.PublishedItemAsync(title: Items.Unique("分页测试续贷辅导"));
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var requests = new List<Guid>();
        for (var n = 0; n < 21; n++) requests.Add(await app.SubmitAsync(item.Id, enterprise));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // Straight to the database: the deadline sweep and the evaluation flow have their own tests; here only the lists matter.
        await app.WithDbAsync(db => db.ServiceRequests.Where(r => requests.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.OverdueSince, now)));
        await app.WithDbAsync(async db =>
        {
            var enterpriseId = await db.ServiceRequests.Where(r => r.Id == requests[0]).Select(r => r.EnterpriseId).SingleAsync();
            for (var n = 0; n < 11; n++)
            {
                var e = new Evaluation
                {
                    Id = Guid.NewGuid(), RequestId = requests[n], ItemId = item.Id, InstitutionId = item.InstitutionId, EnterpriseId = enterpriseId,
                    RegionCode = item.RegionCode, Overall = 5, Timeliness = 5, Professionalism = 5, Attitude = 5, Comment = $"分页测试评价{n:00}",
                    CreatedAt = now.AddMinutes(n),
                };
                e.Moderate(publish: true, null, now);
                db.Evaluations.Add(e);
            }
            return await db.SaveChangesAsync();
        });

        await SecondPageAsync(await app.SignedInAsync(Http.CityOperator), "/review/overdue-requests", $"/review/requests/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Http.ApprovedEnterprise), "/enterprise/requests", $"/enterprise/requests/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Http.Institution), "/institution/requests", $"/institution/requests/{Guid36}");
        await SecondPageAsync(app.Browser(), $"/services/{item.Id}", "分页测试评价[0-9]{2}");
        await SecondPageAsync(app.Browser(), $"/institutions/{item.InstitutionId}", "分页测试评价[0-9]{2}");
    }

    [Fact]
    public async Task The_item_review_queue_and_an_institution_s_items_open_on_page_2()
    {
        var institution = await app.ApiAsync(Http.Institution);
        for (var n = 0; n < 21; n++) await Items.CreateAsync(institution, $"分页测试代理记账{n:00}");

        await SecondPageAsync(await app.SignedInAsync(Http.CityOperator), "/review/items", $"/review/items/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Http.Institution), "/institution/items", $"/institution/items/{Guid36}");
    }

    [Fact]
    public async Task The_records_behind_a_figure_open_on_page_2()
    {
        // The demo's published items are more than one page of records.
        await SecondPageAsync(await app.SignedInAsync(Http.CityOperator), "/dashboard/records?figure=items&region=430400&period=2026", @"<tr>\s*<td>.*?</tr>");
    }

    [Fact]
    public async Task Need_lists_for_enterprise_operator_and_institution_open_on_page_2()
    {
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        for (var n = 0; n < 21; n++)
        {
            var id = await app.PostNeedAsync(enterprise, NeedArrange.NeedBody(app, title: $"分页测试代理记账需求{n:00}"));
            Assert.Equal(HttpStatusCode.OK, (await op.PostAsync($"/api/v1/needs/{id}/approve", null)).StatusCode);
        }

        await SecondPageAsync(await app.SignedInAsync(Http.ApprovedEnterprise), "/enterprise/needs", $"/enterprise/needs/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Http.ZhuhuiOperator), "/manage/needs", $"/manage/needs/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Http.Institution), "/institution/needs", $"/institution/needs/{Guid36}");
    }

    [Fact]
    public async Task The_enterprise_review_queue_opens_on_page_2()
    {
        var client = app.CreateClient();
        for (var n = 0; n < 21; n++)
        {
            var code = TestData.CreditCodeFor("430405");
            var content = new MultipartFormDataContent();
            foreach (var (k, v) in TestData.EnterpriseForm(code, TestData.Mobile(), "430405", $"衡阳分页测试机械{n:00}有限公司"))
                content.Add(new StringContent(v), k.Replace("Input.", ""));
            content.Add(new ByteArrayContent(TestData.Pdf), "licence", "licence.pdf");
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/enterprises/registrations", content)).StatusCode);
        }

        await SecondPageAsync(await app.SignedInAsync(Http.CityOperator), "/review/enterprises", $"/review/enterprises/{Guid36}");
    }

    [Fact]
    public async Task The_institution_review_queue_and_the_public_institution_list_open_on_page_2()
    {
        var city = await app.ApiAsync(Http.CityOperator);
        for (var n = 0; n < 21; n++)
        {
            var applicant = await app.ApplyAsync(name: $"衡阳分页测试财税咨询{n:00}有限公司");
            Assert.Equal(HttpStatusCode.OK, (await city.PostAsync($"/api/v1/institutions/{applicant.Id}/approve", null)).StatusCode);
        }

        await SecondPageAsync(await app.SignedInAsync(Http.CityOperator), "/review/institutions", $"/review/institutions/{Guid36}");
        await SecondPageAsync(app.Browser(), "/institutions", $"href=\"/institutions/{Guid36}\"");
    }

    [Fact]
    public async Task Loan_renewal_lists_for_the_desk_the_enterprise_and_the_bank_open_on_page_2()
    {
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var desk = await app.ApiAsync(Http.CityOperator);
        for (var n = 0; n < 21; n++)
        {
            var id = await app.ApplyAsync(enterprise, maturityInDays: 60 + n, purpose: $"分页测试续贷{n:00}：购买原材料");
            await Renewals.OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/accept"));
            await Renewals.OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/forward"));
        }

        await SecondPageAsync(await app.SignedInAsync(Http.CityOperator), "/manage/loan-renewals", $"/manage/loan-renewals/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Http.ApprovedEnterprise), "/enterprise/loan-renewals", $"/enterprise/loan-renewals/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Renewals.BankPhone), "/institution/loan-renewals", $"/institution/loan-renewals/{Guid36}");
    }

    [Fact]
    public async Task Evaluation_moderation_appeals_follow_ups_and_an_institution_s_evaluations_open_on_page_2()
    {
        // 21 bad ratings with a comment, through the API: each waits for moderation, opens a follow-up, and is appealed.
        var item = await app.PublishedItemAsync(title: Items.Unique("分页测试差评辅导"));
        var enterprise = await app.ApiAsync(Http.ApprovedEnterprise);
        var institution = await app.ApiAsync(Http.Institution);
        for (var n = 0; n < 21; n++)
        {
            var id = await app.SubmitAsync(item.Id, enterprise);
            await Requests.Ok(await institution.PostJsonAsync($"/api/v1/requests/{id}/accept", new { note = "已安排顾问" }));
            await Requests.Ok(await institution.PostAsync($"/api/v1/requests/{id}/progress", Requests.Form(("note", "已收到材料"), ("statusNote", "材料审核中"))));
            await Requests.Ok(await institution.PostAsync($"/api/v1/requests/{id}/complete", Requests.Form(("note", "已办结"))));
            await Requests.Ok(await enterprise.PostJsonAsync($"/api/v1/requests/{id}/confirm"));
            var evaluated = await enterprise.PostJsonAsync($"/api/v1/requests/{id}/evaluation",
                new { overall = 1, timeliness = 1, professionalism = 2, attitude = 1, comment = $"分页测试差评{n:00}：顾问迟迟不回电话" });
            await Requests.Ok(evaluated);
            var evaluation = (await evaluated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await Requests.Ok(await institution.PostJsonAsync($"/api/v1/evaluations/{evaluation}/appeal", new { reason = "已按约定时间多次回电，有通话记录" }));
        }

        var city = await app.SignedInAsync(Http.CityOperator);
        await SecondPageAsync(city, "/review/evaluations", $"/review/requests/{Guid36}");
        await SecondPageAsync(city, "/review/appeals", $"/review/requests/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Http.Institution), "/institution/evaluations", $"/institution/requests/{Guid36}");
        await SecondPageAsync(await app.SignedInAsync(Http.ZhuhuiOperator), "/review/follow-ups", $"/review/requests/{Guid36}");
    }

    [Fact]
    public async Task The_audit_log_opens_on_page_2()
    {
        // Straight to the database: entries are written by the modules' own actions; 51 of one action are more than a page of 50.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db =>
        {
            for (var n = 0; n < 51; n++)
                db.AuditEntries.Add(new AuditEntry
                {
                    At = now.AddSeconds(n), ActorName = "演示运营", Ip = "127.0.0.1", Action = "分页测试操作", EntityType = "分页测试",
                    EntityId = Guid.NewGuid().ToString(), RegionCode = "430405", Comment = $"分页测试日志{n:00}",
                });
            return db.SaveChangesAsync();
        });

        await SecondPageAsync(await app.SignedInAsync(Http.CityOperator), "/admin/audit?Action=" + Uri.EscapeDataString("分页测试操作"), "分页测试日志[0-9]{2}");
    }
}
