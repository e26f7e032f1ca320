using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Activities.Data;

namespace Qifu.Tests.Modules.Activities;

[Collection(ActivitiesCollection.Name)]
public sealed class ApprovalAndEvidenceTests(QifuApp app)
{
    [Fact]
    public async Task Pending_registrations_hold_their_seats_a_refusal_promotes_the_waitlist_and_a_larger_capacity_promotes_too()
    {
        var id = await app.PublishedActivityAsync(capacity: 2, requiresApproval: true);
        var clients = await app.EnterpriseClientsAsync(4);
        var regs = new List<System.Text.Json.JsonElement>();
        foreach (var c in clients) regs.Add(await (await c.PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson())).JsonAsync());
        Assert.Equal(["Pending", "Pending", "Waitlisted", "Waitlisted"], regs.Select(r => r.GetProperty("status").GetString()));

        var op = await app.ApiAsync(Http.CityOperator);
        var approved = await op.PostAsync($"/api/v1/activities/{id}/registrations/{regs[0].GetProperty("id").GetInt64()}/approve", null);
        Assert.Equal("Registered", (await approved.JsonAsync()).GetProperty("status").GetString());
        var noReason = await op.PostAsJsonAsync($"/api/v1/activities/{id}/registrations/{regs[1].GetProperty("id").GetInt64()}/reject", new { reason = "" });
        Assert.Equal("REASON_REQUIRED", await noReason.CodeOf());
        var refused = await op.PostAsJsonAsync($"/api/v1/activities/{id}/registrations/{regs[1].GetProperty("id").GetInt64()}/reject", new { reason = "非本行业企业" });
        Assert.Equal("Rejected", (await refused.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(RegistrationStatus.Pending, await StatusOf(regs[2]));
        Assert.Equal(RegistrationStatus.Waitlisted, await StatusOf(regs[3]));

        var bigger = await op.PutAsJsonAsync($"/api/v1/activities/{id}", ActivityArrange.Body(app, capacity: 3, requiresApproval: true));
        Assert.Equal(HttpStatusCode.OK, bigger.StatusCode);
        Assert.Equal(RegistrationStatus.Pending, await StatusOf(regs[3]));
        Assert.Equal(3, await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Taken).FirstAsync()));
        var smaller = await op.PutAsJsonAsync($"/api/v1/activities/{id}", ActivityArrange.Body(app, capacity: 2, requiresApproval: true));
        Assert.Equal("CAPACITY_BELOW_TAKEN", await smaller.CodeOf());
    }

    [Fact]
    public async Task After_the_start_the_organiser_saves_a_summary_and_photos_and_the_activity_counts_as_held()
    {
        var id = await app.PublishedActivityAsync(capacity: 10);
        var op = await app.SignedInAsync(Http.CityOperator);
        var url = $"/manage/activities/{id}?handler=Evidence";
        var early = await op.PostFormAsync(url, new() { ["Summary"] = "本次活动共有二十家企业参加，现场答疑十余个问题。" }, $"/manage/activities/{id}");
        Assert.Equal((HttpStatusCode)422, early.StatusCode);
        var earlyBody = await early.Content.ReadAsStringAsync();
        Assert.Contains("活动开始后才能上传总结和照片", earlyBody);

        // The other actions on the same page post without files.
        var draft = await (await (await app.ApiAsync(Http.CityOperator)).PostAsJsonAsync("/api/v1/activities",
            ActivityArrange.Body(app, 20, publish: false, title: "页面发布测试活动"))).JsonAsync();
        var draftId = draft.GetProperty("id").GetGuid();
        var published = await op.PostFormAsync($"/manage/activities/{draftId}?handler=Publish", new(), $"/manage/activities/{draftId}");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var noReason = await op.PostFormAsync($"/manage/activities/{draftId}?handler=Cancel", new() { ["Decision.Reason"] = "" }, $"/manage/activities/{draftId}");
        Assert.Equal((HttpStatusCode)422, noReason.StatusCode);
        Assert.Contains("取消已发布的活动须填写原因", await noReason.Content.ReadAsStringAsync());
        var cancelled = await op.PostFormAsync($"/manage/activities/{draftId}?handler=Cancel", new() { ["Decision.Reason"] = "主讲人临时出差" }, $"/manage/activities/{draftId}");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(ActivityStatus.Cancelled, await app.WithDbAsync(db => db.Activities.Where(a => a.Id == draftId).Select(a => a.Status).FirstAsync()));

        var endsAt = await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.EndsAt).FirstAsync());
        app.Clock.SetUtcNow(endsAt.AddMinutes(30));
        op = await app.SignedInAsync(Http.CityOperator);
        var held = await app.WithDbAsync(db => db.Activities.CountAsync(a => a.Status == ActivityStatus.Finished
            || (a.Status == ActivityStatus.Published && a.EndsAt < endsAt.AddMinutes(30))));
        var wrongType = await op.PostFormAsync(url, new() { ["Summary"] = "本次活动共有二十家企业参加，现场答疑十余个问题。" }, $"/manage/activities/{id}",
            ("Photos", "现场.png", TestData.Pdf));
        Assert.Equal((HttpStatusCode)422, wrongType.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Files.CountAsync(f => f.OwnerType == "activity" && f.OwnerId == id)));

        var ok = await op.PostFormAsync(url, new() { ["Summary"] = "本次活动共有二十家企业参加，现场答疑十余个问题。" }, $"/manage/activities/{id}",
            ("Photos", "现场.png", TestData.Png), ("Documents", "总结.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var a = await app.WithDbAsync(db => db.Activities.FirstAsync(x => x.Id == id));
        Assert.Equal(ActivityStatus.Finished, a.Status);
        Assert.Equal(2, await app.WithDbAsync(db => db.Files.CountAsync(f => f.OwnerType == "activity" && f.OwnerId == id)));
        var fileId = await app.WithDbAsync(db => db.Files.Where(f => f.OwnerId == id).Select(f => f.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"/manage/activities/{id}/files/{fileId}")).StatusCode);
        var county = await app.SignedInAsync(Http.HengyangCountyOperator);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/manage/activities/{id}/files/{fileId}")).StatusCode);
        Assert.Contains($"{held}", await app.Browser().GetStringAsync("/"));
    }

    [Fact]
    public async Task The_api_uploads_the_summary_and_photos_with_the_same_checks_as_the_page_and_lists_todays_activities_for_check_in()
    {
        var id = await app.PublishedActivityAsync(capacity: 10, operatorPhone: Http.ZhuhuiOperator);
        static MultipartFormDataContent Form(string? summary, params (string Field, string Name, byte[] Bytes)[] files)
        {
            var form = new MultipartFormDataContent();
            if (summary is not null) form.Add(new StringContent(summary), "summary");
            foreach (var (field, name, bytes) in files) form.Add(new ByteArrayContent(bytes), field, name);
            return form;
        }
        const string Summary = "珠晖区专精特新政策宣讲会到会企业三十余家，现场解答申报问题十二个。";
        var url = $"/api/v1/activities/{id}/evidence";
        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var early = await op.PostAsync(url, Form(Summary));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("EVIDENCE_TOO_EARLY", await early.CodeOf());

        var startsAt = await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.StartsAt).FirstAsync());
        app.Clock.SetUtcNow(startsAt.AddMinutes(-20));
        op = await app.ApiAsync(Http.ZhuhuiOperator);
        var today = await (await op.GetAsync("/api/v1/activities/today")).JsonAsync();
        Assert.Contains(today.EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);
        Assert.All(today.EnumerateArray(), a => Assert.Equal("430405", a.GetProperty("regionCode").GetString()));
        var otherCounty = await app.ApiAsync(Http.HengyangCountyOperator);
        Assert.DoesNotContain(id.ToString(), await otherCounty.GetStringAsync("/api/v1/activities/today"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Http.ApprovedEnterprise)).GetAsync("/api/v1/activities/today")).StatusCode);

        app.Clock.SetUtcNow(startsAt.AddHours(4));
        op = await app.ApiAsync(Http.ZhuhuiOperator);
        var noSummary = await op.PostAsync(url, Form("太短"));
        Assert.Equal(HttpStatusCode.BadRequest, noSummary.StatusCode);
        Assert.True((await noSummary.JsonAsync()).GetProperty("errors").TryGetProperty("summary", out _));
        var wrongType = await op.PostAsync(url, Form(Summary, ("photos", "现场.png", TestData.Pdf)));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode); // content is not what the extension says (FI-02)
        var json = await op.PostAsJsonAsync(url, new { summary = Summary });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("FORM_REQUIRED", await json.CodeOf());
        Assert.Equal(0, await app.WithDbAsync(db => db.Files.CountAsync(f => f.OwnerType == "activity" && f.OwnerId == id)));
        Assert.Null(await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Summary).FirstAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAsync(Http.HengyangCountyOperator)).PostAsync(url, Form(Summary))).StatusCode);

        var ok = await op.PostAsync(url, Form(Summary, ("photos", "现场一.png", TestData.Png), ("photos", "现场二.png", TestData.Png), ("documents", "总结.pdf", TestData.Pdf)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await ok.JsonAsync();
        Assert.Equal("Finished", body.GetProperty("activity").GetProperty("status").GetString());
        Assert.Equal(Summary, body.GetProperty("activity").GetProperty("summary").GetString());
        Assert.Equal(3, body.GetProperty("files").GetArrayLength());
        var download = body.GetProperty("files")[0].GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(Http.ZhuhuiOperator)).GetAsync(download)).StatusCode);
    }

    private Task<RegistrationStatus> StatusOf(System.Text.Json.JsonElement r) =>
        app.WithDbAsync(db => db.ActivityRegistrations.Where(x => x.Id == r.GetProperty("id").GetInt64()).Select(x => x.Status).FirstAsync());
}
