using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Modules.Institutions;
using Qifu.Tests.Support;
using Qifu.Web.Modules.LoanRenewal;
using Qifu.Web.Modules.LoanRenewal.Data;

namespace Qifu.Tests.Modules.LoanRenewal;

[CollectionDefinition(Name)]
public sealed class LoanRenewalCollection : ICollectionFixture<QifuApp>
{
    public const string Name = "loan renewal app";
}

/// <summary>Renewal cases made the way users make them (API), and small readers over the database.</summary>
public static class Renewals
{
    public const string Bank = "衡阳农村商业银行股份有限公司珠晖支行";
    public const string BankPhone = "13707340002";
    public const string NewPassword = "Strong-Pass-2026";

    public static readonly string[] Required = Checklist.Items.Where(i => i.Required).Select(i => i.Code).ToArray();

    public static Task<Guid> BankIdAsync(this QifuApp app, string name = Bank) =>
        app.WithDbAsync(db => db.Institutions.Where(i => i.Name == name).Select(i => i.Id).SingleAsync());

    /// <summary>Another partner bank with its own staff account; returns its phone and id.</summary>
    public static async Task<(string Phone, Guid Id)> AnotherBankAsync(this QifuApp app)
    {
        var fields = Applications.Fields(TestData.CreditCodeFor("430406"), TestData.Mobile(), "430406", "衡阳测试银行股份有限公司雁峰支行" + Guid.NewGuid().ToString("N")[..4], "finance");
        fields["Kind"] = "Bank";
        var response = await app.CreateClient().PostAsync("/api/v1/institutions/applications", Applications.Multipart(fields, ("资质.pdf", TestData.Pdf)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var city = await app.ApiAsync(Http.CityOperator);
        (await city.PostAsync($"/api/v1/institutions/{id}/approve", null)).EnsureSuccessStatusCode();
        return (fields["Phone"], id);
    }

    public static DateOnly Today(this QifuApp app) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    public static MultipartFormDataContent Form(Guid bankId, DateOnly maturity, bool submit = true, bool consent = true, string[]? documents = null,
        string purpose = "购买原材料、支付工资等日常周转", long amount = 3_000_000, int term = 12, string contract = "HNRCB-ZH-2025-0999",
        string? extraBytes = null, Dictionary<string, string>? overrides = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["bankId"] = bankId.ToString(), ["contractNumber"] = contract, ["loanAmount"] = amount.ToString(), ["maturityOn"] = maturity.ToString("yyyy-MM-dd"),
            ["purpose"] = purpose, ["requestedAmount"] = amount.ToString(), ["requestedTermMonths"] = term.ToString(), ["contactName"] = "王建国",
            ["contactPhone"] = "13807340001", ["submit"] = submit ? "true" : "false", ["consent"] = consent ? "true" : "false",
        };
        foreach (var (k, v) in overrides ?? []) fields[k] = v;
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        foreach (var code in documents ?? Required)
            form.Add(new ByteArrayContent([.. TestData.Pdf, .. System.Text.Encoding.ASCII.GetBytes(extraBytes ?? "")]), "doc_" + code, code + ".pdf");
        return form;
    }

    /// <summary>Applies (submitted) as the given enterprise through the API; returns the case id.</summary>
    public static async Task<Guid> ApplyAsync(this QifuApp app, HttpClient enterprise, string[]? documents = null, int maturityInDays = 60,
        string? purpose = null, Guid? bankId = null)
    {
        var response = await enterprise.PostAsync("/api/v1/loan-renewals",
            Form(bankId ?? await app.BankIdAsync(), app.Today().AddDays(maturityInDays), documents: documents, purpose: purpose ?? "购买原材料、支付工资等日常周转"));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Apply failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("case").GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> OkJson(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> Json(this HttpClient api, string url, object? body = null) => api.PostAsJsonAsync(url, body ?? new { });

    public static string Status(JsonElement detail) => detail.GetProperty("case").GetProperty("status").GetString()!;

    /// <summary>Takes a fresh case of the demo enterprise up to <paramref name="target"/> through the API.</summary>
    public static async Task<Guid> CaseInAsync(this QifuApp app, RenewalStatus target, string? purpose = null)
    {
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var desk = await app.ApiAsync(Http.CityOperator);
        var bank = await app.ApiAsync(BankPhone);
        if (target == RenewalStatus.Draft)
        {
            var r = await ent.PostAsync("/api/v1/loan-renewals", Form(await app.BankIdAsync(), app.Today().AddDays(60), submit: false, consent: false));
            return (await OkJson(r)).GetProperty("case").GetProperty("id").GetGuid();
        }
        var id = await app.ApplyAsync(ent, purpose: purpose);
        if (target == RenewalStatus.Submitted) return id;
        if (target == RenewalStatus.Incomplete)
        {
            await OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/return", new { items = new[] { new { document = "tax", reason = "请补充纳税证明" } } }));
            return id;
        }
        await OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/accept"));
        if (target == RenewalStatus.Accepted) return id;
        await OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/forward"));
        if (target == RenewalStatus.PushedToBank) return id;
        await OkJson(await bank.PostAsync($"/api/v1/loan-renewals/{id}/due-diligence", Multipart(("on", app.Today().ToString("yyyy-MM-dd")), ("notes", "实地走访，经营正常"))));
        if (target == RenewalStatus.DueDiligence) return id;
        if (target == RenewalStatus.Rejected)
        {
            await OkJson(await bank.Json($"/api/v1/loan-renewals/{id}/decision", new { approve = false, reason = "经营现金流不足" }));
            return id;
        }
        await OkJson(await bank.Json($"/api/v1/loan-renewals/{id}/decision", new { approve = true, amount = 2_500_000, termMonths = 12 }));
        if (target == RenewalStatus.Approved) return id;
        await OkJson(await bank.Json($"/api/v1/loan-renewals/{id}/disbursement", new { disbursedOn = app.Today().ToString("yyyy-MM-dd") }));
        if (target == RenewalStatus.Disbursed) return id;
        throw new ArgumentOutOfRangeException(nameof(target));
    }

    public static MultipartFormDataContent Multipart(params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        return form;
    }

    public static Task<RenewalCase> LoadAsync(this QifuApp app, Guid id) =>
        app.WithDbAsync(db => db.RenewalCases.AsNoTracking().SingleAsync(c => c.Id == id));

    /// <summary>Everything a case is made of, to prove a refused step changed nothing.</summary>
    public static Task<string> FingerprintAsync(this QifuApp app, Guid id) => app.WithDbAsync(async db =>
    {
        var c = await db.RenewalCases.AsNoTracking().SingleAsync(x => x.Id == id);
        var events = await db.RenewalEvents.AsNoTracking().CountAsync(e => e.CaseId == id);
        var audit = await db.AuditEntries.AsNoTracking().CountAsync(a => a.EntityId == id.ToString());
        return JsonSerializer.Serialize(new { c, events, audit });
    });

    public static async Task<string> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
}
