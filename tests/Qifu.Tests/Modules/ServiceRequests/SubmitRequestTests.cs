using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Files;

namespace Qifu.Tests.Modules.ServiceRequests;

[Collection(RequestsCollection.Name)]
public sealed class SubmitRequestTests(RequestsApp app)
{
    private static readonly Regex NumberPattern = new("^FW[0-9]{6}[2-9A-HJ-NP-Z]{6}$");

    [Fact]
    public async Task An_approved_enterprise_requests_an_item_with_a_separate_consent_and_everything_is_saved_together()
    {
        var item = await app.PublishedItemAsync();
        var page = await app.SignedInAsync(Http.ApprovedEnterprise);
        var url = $"/services/{item.Id}/request";

        var form = await page.GetStringAsync(url);
        Assert.Contains(item.Content.Title, form);
        Assert.Contains("<legend>向服务机构提供信息（单独同意）</legend>", form);
        Assert.Contains("企业名称、联系人、联系电话、需求描述、附件", form);
        Assert.Contains(Requests.Accountant, form);
        Assert.Contains("value=\"王建国\"", form); // prefilled from the enterprise, editable
        Assert.Contains("value=\"13807340001\"", form);

        var fields = new Dictionary<string, string>
        {
            ["Input.Need"] = "公司一笔500万元流动资金贷款下月到期，想了解续贷条件。", ["Input.ContactName"] = "王建国", ["Input.ContactPhone"] = "138 0734 0001",
        };
        var noConsent = await page.PostFormAsync(url, fields, files: ("Attachments", "财务报表.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        var html = await noConsent.Content.ReadAsStringAsync();
        Assert.Matches($"id=\"Input_Consent-error\"[^>]*>请勾选同意向{Requests.Accountant}提供", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.ItemId == item.Id)));

        fields["Input.Consent"] = "true";
        var submitted = await page.PostFormAsync(url, fields, files: ("Attachments", "财务报表.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var r = await app.WithDbAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(x => x.ItemId == item.Id));
        Assert.Equal($"/enterprise/requests/{r.Id}", submitted.Headers.Location?.OriginalString);
        Assert.Matches(NumberPattern, r.Number);
        Assert.Equal(RequestStatus.Submitted, r.Status);
        Assert.Equal("13807340001", r.ContactPhone); // normalised
        Assert.Equal(Requests.EnterpriseName, r.EnterpriseName);
        Assert.Equal("430405", r.RegionCode);
        var expectedDue = await DueAsync(2);
        Assert.Equal(expectedDue, r.AcceptDueOn);

        await app.WithDbAsync(async db =>
        {
            var consent = await db.DataSharingConsents.SingleAsync(c => c.Id == r.ConsentId);
            Assert.Equal(item.InstitutionId, consent.RecipientId);
            Assert.Equal(Requests.Accountant, consent.RecipientName);
            Assert.Equal("企业名称、联系人、联系电话、需求描述、附件", consent.Fields);
            Assert.Contains(item.Content.Title, consent.Purpose);
            var step = await db.RequestEvents.SingleAsync(e => e.RequestId == r.Id);
            Assert.Equal("submit", step.Action);
            Assert.Equal("王建国", step.ActorName);
            var file = await db.Files.SingleAsync(f => f.OwnerId == step.Id);
            Assert.Equal("request-event", file.OwnerType);
            Assert.Equal("财务报表.pdf", file.FileName);
            Assert.Equal(1, (await db.ServiceItems.SingleAsync(i => i.Id == item.Id)).RequestCount);
            Assert.True(await db.SearchChanges.AnyAsync(c => c.Kind == "item" && c.EntityId == item.Id));
            var institutionUser = await db.Users.SingleAsync(u => u.UserName == Http.Institution);
            Assert.True(await db.InboxMessages.AnyAsync(m => m.UserId == institutionUser.Id && m.Topic == "request.submitted" && m.Link == $"/requests/{r.Id}"));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "服务申请" && a.EntityId == r.Id.ToString() && a.Action == "提交服务申请"));
            return true;
        });

        var detail = await page.GetStringAsync($"/enterprise/requests/{r.Id}");
        Assert.Contains(r.Number, detail);
        Assert.Contains("财务报表.pdf", detail);
        Assert.Contains($"等待{Requests.Accountant}受理", detail);
    }

    private Task<DateOnly> DueAsync(int days) => app.WithDbAsync(async db =>
    {
        var calendar = new WorkingCalendar(db, app.Clock);
        return await calendar.AddWorkingDaysAsync(calendar.Today, days);
    });

    [Fact]
    public async Task The_api_refuses_a_request_without_the_separate_consent_and_saves_nothing()
    {
        var item = await app.PublishedItemAsync();
        var api = await app.ApiAsync(Http.ApprovedEnterprise);
        var consentsBefore = await app.WithDbAsync(db => db.DataSharingConsents.CountAsync());

        var response = await api.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id, consent: false, files: ("a.pdf", TestData.Pdf)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SEPARATE_CONSENT_REQUIRED", problem.GetProperty("code").GetString());
        Assert.StartsWith("请勾选同意向" + Requests.Accountant, problem.GetProperty("errors").GetProperty("consent")[0].GetString());

        Assert.Equal(0, await app.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.ItemId == item.Id)));
        Assert.Equal(consentsBefore, await app.WithDbAsync(db => db.DataSharingConsents.CountAsync()));
        Assert.Equal(0, (await app.ItemAsync(item.Id)).RequestCount);

        var badPhone = await api.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id, contactPhone: "12345"));
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Equal("PHONE_INVALID", await Requests.CodeOf(badPhone));

        var created = await api.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id, files: ("营业执照.png", TestData.Png)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Submitted", body.GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(["withdraw"], body.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal("营业执照.png", body.GetProperty("events")[0].GetProperty("files")[0].GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Only_an_approved_enterprise_may_request_and_only_a_published_item()
    {
        var item = await app.PublishedItemAsync();
        var pending = await app.SignedInAsync(Http.PendingEnterprise);
        Assert.Contains("企业注册审核通过后才能申请服务", await pending.GetStringAsync($"/services/{item.Id}/request"));
        var pendingApi = await app.ApiAsync(Http.PendingEnterprise);
        var refused = await pendingApi.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("ENTERPRISE_NOT_APPROVED", await Requests.CodeOf(refused));

        var institution = await app.ApiAsync(Http.Institution);
        Assert.Equal(HttpStatusCode.Forbidden, (await institution.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id))).StatusCode);

        var draft = await app.WithDbAsync(async db =>
        {
            var inst = await db.Institutions.AsNoTracking().SingleAsync(i => i.Name == Requests.Accountant);
            var d = new Web.Modules.Catalogue.Data.ServiceItem
            {
                Id = Guid.NewGuid(), InstitutionId = inst.Id, RegionCode = inst.RegionCode, CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
                Content = new Web.Modules.Catalogue.Data.ItemContent { Title = "未发布的服务", CategoryCode = "finance", LeadTimeDays = 3 },
            };
            db.ServiceItems.Add(d);
            await db.SaveChangesAsync();
            return d;
        });
        var enterprise = await app.SignedInAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/services/{draft.Id}/request")).StatusCode);
        var api = await app.ApiAsync(Http.ApprovedEnterprise);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/requests", Requests.RequestForm(draft.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/requests", Requests.RequestForm(Guid.NewGuid()))).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var live = await db.ServiceItems.SingleAsync(i => i.Id == item.Id);
            live.TakeOffShelf("暂停服务", false, app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var offShelf = await api.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id));
        Assert.Equal(HttpStatusCode.Conflict, offShelf.StatusCode);
        Assert.Equal("ITEM_NOT_AVAILABLE", await Requests.CodeOf(offShelf));
        Assert.Equal(0, await app.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.ItemId == item.Id || r.ItemId == draft.Id)));
    }

    [Fact]
    public async Task A_save_that_fails_halfway_leaves_no_rows_and_no_files()
    {
        var item = await app.PublishedItemAsync();
        var api = await app.ApiAsync(Http.ApprovedEnterprise);
        var root = app.Services.GetRequiredService<FileStore>().Root;
        int FilesOnDisk() => Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith('.')) : 0;
        var before = await app.WithDbAsync(async db => (await db.DataSharingConsents.CountAsync(), await db.Files.CountAsync(), await db.InboxMessages.CountAsync(),
            await db.AuditEntries.CountAsync(), await db.RequestEvents.CountAsync()));
        var filesBefore = FilesOnDisk();

        app.Failure.Armed = true;
        var response = await api.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id, files: [("一.pdf", TestData.Pdf), ("二.png", TestData.Png)]));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(app.Failure.Armed);

        Assert.Equal(0, await app.WithDbAsync(db => db.ServiceRequests.CountAsync(r => r.ItemId == item.Id)));
        var after = await app.WithDbAsync(async db => (await db.DataSharingConsents.CountAsync(), await db.Files.CountAsync(), await db.InboxMessages.CountAsync(),
            await db.AuditEntries.CountAsync(), await db.RequestEvents.CountAsync()));
        Assert.Equal(before, after);
        Assert.Equal(filesBefore, FilesOnDisk());
        var stored = await app.ItemAsync(item.Id);
        Assert.Equal(0, stored.RequestCount);
        Assert.False(await app.WithDbAsync(db => db.SearchChanges.AnyAsync(c => c.EntityId == item.Id && c.Kind == "item")));

        // The same request goes through once the fault is gone.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/requests", Requests.RequestForm(item.Id, files: ("一.pdf", TestData.Pdf)))).StatusCode);
        Assert.Equal(filesBefore + 1, FilesOnDisk());
    }

    [Fact]
    public async Task The_institution_sees_the_contact_in_full_only_with_the_consent_operators_see_it_masked()
    {
        var id = await app.RequestInAsync(RequestStatus.Submitted);
        var institution = await app.SignedInAsync(Http.Institution);
        var full = await institution.GetStringAsync($"/institution/requests/{id}");
        Assert.Contains("13807340001", full);
        Assert.Contains("王建国", full);

        var op = await app.ApiAsync(Http.ZhuhuiOperator);
        var seen = await op.GetFromJsonAsync<JsonElement>($"/api/v1/requests/{id}");
        Assert.Equal("138****0001", seen.GetProperty("contactPhone").GetString());
        Assert.Equal("王**", seen.GetProperty("contactName").GetString());
        Assert.True(seen.GetProperty("contactMasked").GetBoolean());

        // Without a consent naming this institution for this request, the institution sees masked fields.
        await app.WithDbAsync(async db =>
        {
            var r = await db.ServiceRequests.SingleAsync(x => x.Id == id);
            return await db.DataSharingConsents.Where(c => c.Id == r.ConsentId).ExecuteDeleteAsync();
        });
        var masked = await institution.GetStringAsync($"/institution/requests/{id}");
        Assert.DoesNotContain("13807340001", masked);
        Assert.Contains("138****0001", masked);
    }
}
