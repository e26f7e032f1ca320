using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Modules.ServiceRequests.Deadlines;

namespace Qifu.Tests.Modules.ServiceRequests;

/// <summary>Items, enterprises and requests in a given state, made the way users make them (pages and API).</summary>
public static class Requests
{
    public const string Accountant = "湖南衡信会计师事务所有限公司"; // 13707340001, 珠晖区
    public const string Bank = "衡阳农村商业银行股份有限公司珠晖支行"; // 13707340002
    public const string BankPhone = "13707340002";
    public const string EnterpriseName = "衡阳恒远机械制造有限公司"; // 13807340001, 珠晖区 430405
    public const string NewPassword = "Strong-Pass-2026";

    /// <summary>A published item of a demo institution (the catalogue's own publishing flow is another module's).</summary>
    public static async Task<ServiceItem> PublishedItemAsync(this QifuApp app, string institution = Accountant, int leadTimeDays = 5, string? title = null)
    {
        return await app.WithDbAsync(async db =>
        {
            var inst = await db.Institutions.AsNoTracking().SingleAsync(i => i.Name == institution);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var item = new ServiceItem
            {
                Id = Guid.NewGuid(), InstitutionId = inst.Id, RegionCode = inst.RegionCode, CreatedAt = now,
                Content = new ItemContent
                {
                    Title = title ?? "小微企业续贷辅导" + Guid.NewGuid().ToString("N")[..4], CategoryCode = "finance", SubCategory = "续贷过桥",
                    Description = "<p>帮助企业梳理续贷材料，对接合作银行。</p>", Deliverables = "续贷材料清单、银行对接", FeeType = FeeType.Free,
                    Mode = ServiceMode.Both, ServiceRegions = "430400", LeadTimeDays = leadTimeDays, ContactName = "赵新", ContactPhone = "13707340001",
                },
            };
            item.Submit(now);
            item.Approve(now);
            db.ServiceItems.Add(item);
            await db.SaveChangesAsync();
            return item;
        });
    }

    /// <summary>Registers an enterprise in <paramref name="region"/> and has the city operator approve it; returns its phone.</summary>
    public static async Task<(string Phone, Guid Id, string Name)> ApprovedEnterpriseAsync(this QifuApp app, string region = "430405", string? name = null)
    {
        var phone = TestData.Mobile();
        var code = TestData.CreditCodeFor(region);
        var form = TestData.EnterpriseForm(code, phone, region, name ?? "衡阳测试企业" + Guid.NewGuid().ToString("N")[..6] + "有限公司");
        var registered = await app.Browser().PostFormAsync("/register/enterprise", form, files: ("Licence", "licence.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync());
        var city = await app.ApiAsync(Http.CityOperator);
        (await city.PostAsync($"/api/v1/enterprises/{id}/approve", null)).EnsureSuccessStatusCode();
        return (phone, id, form["Input.Name"]);
    }

    public static MultipartFormDataContent RequestForm(Guid itemId, string need = "公司流动资金贷款下月到期，希望了解续贷办理条件。", bool consent = true,
        string contactName = "王建国", string contactPhone = "13807340001", params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(itemId.ToString()), "itemId" },
            { new StringContent(need), "need" },
            { new StringContent(contactName), "contactName" },
            { new StringContent(contactPhone), "contactPhone" },
            { new StringContent(consent ? "true" : "false"), "consent" },
        };
        foreach (var (name, content) in files) form.Add(new ByteArrayContent(content), "attachments", name);
        return form;
    }

    /// <summary>Submits through the API as the given enterprise; returns the request id.</summary>
    public static async Task<Guid> SubmitAsync(this QifuApp app, Guid itemId, HttpClient? enterpriseApi = null, string? need = null)
    {
        var api = enterpriseApi ?? await app.ApiAsync(Http.ApprovedEnterprise);
        var response = await api.PostAsync("/api/v1/requests", RequestForm(itemId, need ?? "公司流动资金贷款下月到期，希望了解续贷办理条件。"));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Submit failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request").GetProperty("id").GetGuid();
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient api, string url, object? body = null) =>
        body is null ? await api.PostAsync(url, JsonContent.Create(new { })) : await api.PostAsJsonAsync(url, body);

    public static MultipartFormDataContent Form(params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        return form;
    }

    public static async Task Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Takes a fresh request of the demo enterprise to the institution up to <paramref name="target"/>.</summary>
    public static async Task<Guid> RequestInAsync(this QifuApp app, RequestStatus target, Guid? itemId = null)
    {
        var item = itemId ?? (await app.PublishedItemAsync()).Id;
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var inst = await app.ApiAsync(Http.Institution);
        var id = await app.SubmitAsync(item, ent);
        if (target == RequestStatus.Submitted) return id;
        if (target == RequestStatus.Declined)
        {
            await Ok(await inst.PostJsonAsync($"/api/v1/requests/{id}/decline", new { reason = "本机构暂不承接该类业务" }));
            return id;
        }
        if (target == RequestStatus.Withdrawn)
        {
            await Ok(await ent.PostJsonAsync($"/api/v1/requests/{id}/withdraw", new { reason = "已自行解决" }));
            return id;
        }
        await Ok(await inst.PostJsonAsync($"/api/v1/requests/{id}/accept", new { note = "已安排顾问" }));
        if (target == RequestStatus.Accepted) return id;
        await Ok(await inst.PostAsync($"/api/v1/requests/{id}/progress", Form(("note", "已收到材料"), ("statusNote", "材料审核中"))));
        if (target == RequestStatus.InService) return id;
        await Ok(await inst.PostAsync($"/api/v1/requests/{id}/complete", Form(("note", "已办结"))));
        if (target == RequestStatus.Completed) return id;
        await Ok(await ent.PostJsonAsync($"/api/v1/requests/{id}/confirm"));
        if (target == RequestStatus.AwaitingEvaluation) return id;
        if (target == RequestStatus.Evaluated)
        {
            await Ok(await ent.PostJsonAsync($"/api/v1/requests/{id}/evaluation", new { overall = 5, timeliness = 5, professionalism = 5, attitude = 5 }));
            return id;
        }
        throw new ArgumentOutOfRangeException(nameof(target));
    }

    public static Task<ServiceRequest> LoadAsync(this QifuApp app, Guid id) =>
        app.WithDbAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == id));

    public static Task<ServiceItem> ItemAsync(this QifuApp app, Guid id) =>
        app.WithDbAsync(db => db.ServiceItems.AsNoTracking().SingleAsync(i => i.Id == id));

    public static async Task<string> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

    public static async Task<DeadlineRun> RunDeadlinesAsync(this QifuApp app, Func<Guid, Task>? beforeSave = null)
    {
        using var scope = app.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DeadlineJob>();
        job.BeforeSave = beforeSave;
        return await job.RunAsync();
    }

    /// <summary>Everything a request is made of, to prove a refused step changed nothing.</summary>
    public static Task<string> FingerprintAsync(this QifuApp app, Guid id) => app.WithDbAsync(async db =>
    {
        var r = await db.ServiceRequests.AsNoTracking().SingleAsync(x => x.Id == id);
        var events = await db.RequestEvents.AsNoTracking().CountAsync(e => e.RequestId == id);
        var evaluations = await db.Evaluations.AsNoTracking().CountAsync(e => e.RequestId == id);
        var item = await db.ServiceItems.AsNoTracking().SingleAsync(i => i.Id == r.ItemId);
        return JsonSerializer.Serialize(new { r, events, evaluations, item.RequestCount, item.CompletedCount, item.EvaluationCount, item.EvaluationTotal });
    });
}
