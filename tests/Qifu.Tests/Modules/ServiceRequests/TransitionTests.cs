using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Calendar;

namespace Qifu.Tests.Modules.ServiceRequests;

[Collection(RequestsCollection.Name)]
public sealed class TransitionTests(RequestsApp app)
{
    [Fact]
    public async Task The_institution_and_the_enterprise_take_a_request_through_every_step_on_the_pages()
    {
        var item = await app.PublishedItemAsync(leadTimeDays: 5);
        var id = await app.RequestInAsync(RequestStatus.Submitted, item.Id);
        var inst = await app.SignedInAsync(Http.Institution);
        var ent = await app.SignedInAsync(Http.ApprovedEnterprise);
        var instUrl = $"/institution/requests/{id}";
        var entUrl = $"/enterprise/requests/{id}";

        var list = await inst.GetStringAsync("/institution/requests?Status=Submitted");
        Assert.Contains(instUrl, list);
        Assert.Matches("剩余 \\d+ 个工作日|今日到期", list);
        var defaultDue = await app.WithDbAsync(async db =>
        {
            var calendar = new WorkingCalendar(db, app.Clock);
            return await calendar.AddWorkingDaysAsync(calendar.Today, 5);
        });
        Assert.Contains($"value=\"{defaultDue:yyyy-MM-dd}\"", await inst.GetStringAsync(instUrl));

        var noReason = await inst.PostFormAsync(instUrl + "?handler=Decline", new() { ["Declining.Reason"] = "" });
        Assert.Equal((HttpStatusCode)422, noReason.StatusCode);
        Assert.Contains("请填写不能受理的原因", await noReason.Content.ReadAsStringAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var accepted = await inst.PostFormAsync(instUrl + "?handler=Accept",
            new() { ["Acceptance.CompleteDueOn"] = defaultDue.AddDays(2).ToString("yyyy-MM-dd"), ["Acceptance.Note"] = "已安排注册会计师对接" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var r = await app.LoadAsync(id);
        Assert.Equal(RequestStatus.Accepted, r.Status);
        Assert.Equal(defaultDue.AddDays(2), r.CompleteDueOn);
        Assert.Contains(defaultDue.AddDays(2).ToString("yyyy-MM-dd"), await ent.GetStringAsync("/enterprise/requests"));

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // the timeline is ordered by time; a frozen clock would tie every step
        var progressed = await inst.PostFormAsync(instUrl + "?handler=Progress",
            new() { ["Progress.Note"] = "已收到营业执照和近一年财务报表，正在核对。", ["Progress.StatusNote"] = "等待企业补充银行流水" }, instUrl,
            ("ProgressFiles", "材料清单.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, progressed.StatusCode);
        Assert.Equal(RequestStatus.InService, (await app.LoadAsync(id)).Status);
        var entList = await ent.GetStringAsync("/enterprise/requests?Stage=open");
        Assert.Contains("等待企业补充银行流水", entList);
        Assert.Contains("服务中", entList);

        var badFile = await inst.PostFormAsync(instUrl + "?handler=Complete", new() { ["Completion.Note"] = "已办结" }, instUrl,
            ("CompletionFiles", "报告.pdf", "not a pdf"u8.ToArray()));
        Assert.Equal((HttpStatusCode)422, badFile.StatusCode);
        Assert.Contains("附件文件内容与扩展名不符", await badFile.Content.ReadAsStringAsync());
        Assert.Equal(RequestStatus.InService, (await app.LoadAsync(id)).Status);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var completed = await inst.PostFormAsync(instUrl + "?handler=Complete", new() { ["Completion.Note"] = "已出具续贷材料清单并完成银行对接。" }, instUrl,
            ("CompletionFiles", "服务报告.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.Equal(RequestStatus.Completed, (await app.LoadAsync(id)).Status);

        var page = await ent.GetStringAsync(entUrl);
        Assert.Contains("确认办结", page);
        Assert.Contains("重新打开", page);
        Assert.Contains("<legend>总体评价 <span class=\"req\" aria-hidden=\"true\">*</span></legend>", page);
        Assert.Contains("服务报告.pdf", page);
        Assert.Contains("已安排注册会计师对接", page);
        Assert.Contains("服务机构 赵新", page);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var confirmed = await ent.PostFormAsync(entUrl + "?handler=Confirm", []);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        r = await app.LoadAsync(id);
        Assert.Equal(RequestStatus.AwaitingEvaluation, r.Status);
        Assert.Equal(1, (await app.ItemAsync(item.Id)).CompletedCount);

        var missing = await ent.PostFormAsync(entUrl + "?handler=Evaluate", new() { ["Rating.Overall"] = "4", ["Rating.Timeliness"] = "4" });
        Assert.Equal((HttpStatusCode)422, missing.StatusCode);
        var missingHtml = await missing.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Rating_Professionalism-error\" class=\"field-error\">请为“专业水平”打分", missingHtml);
        Assert.Contains("请为“服务态度”打分", missingHtml);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var evaluated = await ent.PostFormAsync(entUrl + "?handler=Evaluate", new()
        {
            ["Rating.Overall"] = "4", ["Rating.Timeliness"] = "5", ["Rating.Professionalism"] = "4", ["Rating.Attitude"] = "5", ["Rating.Comment"] = "对接很及时。",
        });
        Assert.Equal(HttpStatusCode.Redirect, evaluated.StatusCode);
        Assert.Equal(RequestStatus.Evaluated, (await app.LoadAsync(id)).Status);
        var final = await ent.GetStringAsync(entUrl);
        Assert.Contains("总体评价：满意", final);
        Assert.Contains("评价内容待审核", final);

        var actions = await app.WithDbAsync(db => db.RequestEvents.Where(e => e.RequestId == id).OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
        Assert.Equal(["submit", "accept", "progress", "complete", "confirm", "evaluate"], actions);
        var item2 = await app.ItemAsync(item.Id);
        Assert.Equal((1, 1, 1, 4), (item2.RequestCount, item2.CompletedCount, item2.EvaluationCount, item2.EvaluationTotal));
        var audits = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "服务申请" && a.EntityId == id.ToString()).CountAsync());
        Assert.Equal(6, audits);
    }

    public static TheoryData<RequestStatus> States => new()
    {
        RequestStatus.Submitted, RequestStatus.Accepted, RequestStatus.InService, RequestStatus.Completed, RequestStatus.AwaitingEvaluation,
        RequestStatus.Evaluated, RequestStatus.Declined, RequestStatus.Withdrawn,
    };

    private static readonly Dictionary<RequestStatus, string[]> Legal = new()
    {
        [RequestStatus.Submitted] = ["accept", "decline", "withdraw"],
        [RequestStatus.Accepted] = ["progress", "complete"],
        [RequestStatus.InService] = ["progress", "complete"],
        [RequestStatus.Completed] = ["confirm", "reopen", "evaluation"],
        [RequestStatus.AwaitingEvaluation] = ["evaluation"],
        [RequestStatus.Evaluated] = [],
        [RequestStatus.Declined] = [],
        [RequestStatus.Withdrawn] = [],
    };

    /// <summary>SECURITY.md AC-05: every step the state machine does not allow answers 409 with a code and changes nothing.</summary>
    [Theory]
    [MemberData(nameof(States))]
    public async Task Every_illegal_step_answers_409_with_a_code_and_changes_nothing(RequestStatus state)
    {
        var id = await app.RequestInAsync(state);
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var inst = await app.ApiAsync(Http.Institution);
        var steps = new (string Name, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("accept", () => inst.PostJsonAsync($"/api/v1/requests/{id}/accept", new { note = "受理" })),
            ("decline", () => inst.PostJsonAsync($"/api/v1/requests/{id}/decline", new { reason = "不受理" })),
            ("withdraw", () => ent.PostJsonAsync($"/api/v1/requests/{id}/withdraw", new { reason = "撤回" })),
            ("progress", () => inst.PostAsync($"/api/v1/requests/{id}/progress", Requests.Form(("note", "进展")))),
            ("complete", () => inst.PostAsync($"/api/v1/requests/{id}/complete", Requests.Form(("note", "办结")))),
            ("confirm", () => ent.PostJsonAsync($"/api/v1/requests/{id}/confirm")),
            ("reopen", () => ent.PostJsonAsync($"/api/v1/requests/{id}/reopen", new { reason = "未解决" })),
            ("evaluation", () => ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", new { overall = 3, timeliness = 3, professionalism = 3, attitude = 3 })),
        };
        var illegal = steps.Where(s => !Legal[state].Contains(s.Name)).ToList();
        Assert.NotEmpty(illegal);
        foreach (var (name, call) in illegal)
        {
            var before = await app.FingerprintAsync(id);
            var response = await call();
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{state} → {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var code = await Requests.CodeOf(response);
            Assert.Contains(code, new[] { "REQUEST_STATUS_CONFLICT", "EVALUATION_NOT_ALLOWED", "EVALUATION_EXISTS" });
            Assert.Equal(before, await app.FingerprintAsync(id));
        }
        var detail = await (await ent.GetAsync($"/api/v1/requests/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        var offered = detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.All(offered, a => Assert.Contains(a == "evaluate" ? "evaluation" : a, Legal[state]));
    }

    [Fact]
    public async Task An_illegal_step_on_a_page_shows_the_reason_and_changes_nothing()
    {
        var id = await app.RequestInAsync(RequestStatus.InService);
        var before = await app.FingerprintAsync(id);
        var inst = await app.SignedInAsync(Http.Institution);
        var response = await inst.PostFormAsync($"/institution/requests/{id}?handler=Decline", new() { ["Declining.Reason"] = "不受理" });
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("当前状态为“服务中”，不能拒绝", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.FingerprintAsync(id));
    }

    [Fact]
    public async Task The_enterprise_withdraws_before_acceptance_and_reopens_a_completed_request_within_the_window_only()
    {
        var withdrawn = await app.RequestInAsync(RequestStatus.Submitted);
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var response = await ent.PostAsync($"/api/v1/requests/{withdrawn}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Withdrawn", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request").GetProperty("status").GetString());
        Assert.True(await app.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.Topic == "request.withdrawn" && m.Link == $"/requests/{withdrawn}")));

        var id = await app.RequestInAsync(RequestStatus.Completed);
        var noReason = await ent.PostJsonAsync($"/api/v1/requests/{id}/reopen", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var reopened = await ent.PostJsonAsync($"/api/v1/requests/{id}/reopen", new { reason = "还款计划与回款周期不一致" });
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var r = await app.LoadAsync(id);
        Assert.Equal(RequestStatus.InService, r.Status);
        Assert.Equal(1, r.ReopenCount);
        Assert.NotNull(r.CompleteDueOn);
        Assert.True(await app.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.Topic == "request.reopened" && m.Link == $"/requests/{id}")));

        var inst = await app.ApiAsync(Http.Institution);
        await Requests.Ok(await inst.PostAsync($"/api/v1/requests/{id}/complete", Requests.Form(("note", "已调整还款计划"))));
        // The window has passed for this request (as if seven days went by).
        var past = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await app.WithDbAsync(db => db.ServiceRequests.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReopenUntil, past)));
        var before = await app.FingerprintAsync(id);
        var late = await ent.PostJsonAsync($"/api/v1/requests/{id}/reopen", new { reason = "还是不行" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("REOPEN_WINDOW_CLOSED", await Requests.CodeOf(late));
        Assert.Equal(before, await app.FingerprintAsync(id));
        var detail = await (await ent.GetAsync($"/api/v1/requests/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain("reopen", detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Acceptance_dates_and_texts_are_checked()
    {
        var id = await app.RequestInAsync(RequestStatus.Submitted);
        var inst = await app.ApiAsync(Http.Institution);
        var yesterday = app.Clock.GetUtcNow().UtcDateTime.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd");
        var past = await inst.PostJsonAsync($"/api/v1/requests/{id}/accept", new { completeDueOn = yesterday });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal("DUE_DATE_INVALID", await Requests.CodeOf(past));
        var unknown = await inst.PostJsonAsync($"/api/v1/requests/{id}/accept", new { note = "x", extra = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(RequestStatus.Submitted, (await app.LoadAsync(id)).Status);

        var accepted = await inst.PostAsync($"/api/v1/requests/{id}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Accepted", body.GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(["progress", "complete"], body.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToArray());

        var noNote = await inst.PostAsync($"/api/v1/requests/{id}/progress", Requests.Form(("statusNote", "处理中")));
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        var tooMany = await inst.PostAsync($"/api/v1/requests/{id}/progress", WithFiles(Requests.Form(("note", "进展")), 6));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("TOO_MANY_FILES", await Requests.CodeOf(tooMany));
        Assert.Equal(RequestStatus.Accepted, (await app.LoadAsync(id)).Status);
    }

    private static MultipartFormDataContent WithFiles(MultipartFormDataContent form, int count)
    {
        for (var i = 0; i < count; i++) form.Add(new ByteArrayContent(TestData.Pdf), "attachments", $"材料{i}.pdf");
        return form;
    }
}
