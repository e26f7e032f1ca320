using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Modules.ServiceRequests;
using Qifu.Tests.Support;
using Qifu.Web.Modules.LoanRenewal.Data;

namespace Qifu.Tests.Modules.LoanRenewal;

/// <summary>Validation naming the fields, the separate consent, the maturity warning, the data scope (404 canaries) and the figures.</summary>
[Collection(LoanRenewalCollection.Name)]
public sealed class RenewalRulesTests(QifuApp app)
{
    private static async Task<JsonElement> Problem(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Bad_input_is_refused_with_messages_naming_the_fields_and_nothing_is_saved()
    {
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var bankId = await app.BankIdAsync();
        var count = await app.WithDbAsync(db => db.RenewalCases.CountAsync());

        var bad = await ent.PostAsync("/api/v1/loan-renewals", Renewals.Form(bankId, app.Today().AddDays(60),
            overrides: new() { ["requestedTermMonths"] = "99", ["loanAmount"] = "0", ["contractNumber"] = "", ["purpose"] = "" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Problem(bad)).GetProperty("errors");
        Assert.Equal("申请续贷期限应为1至60个月", errors.GetProperty("requestedTermMonths")[0].GetString());
        Assert.Equal("原贷款金额应为1元至1万亿元的整数", errors.GetProperty("loanAmount")[0].GetString());
        Assert.Equal("请填写原借款合同编号", errors.GetProperty("contractNumber")[0].GetString());
        Assert.Equal("请填写贷款用途", errors.GetProperty("purpose")[0].GetString());

        var past = await ent.PostAsync("/api/v1/loan-renewals", Renewals.Form(bankId, app.Today().AddDays(-1)));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var pastProblem = await Problem(past);
        Assert.Equal("MATURITY_PASSED", pastProblem.GetProperty("code").GetString());
        Assert.True(pastProblem.GetProperty("errors").TryGetProperty("maturityOn", out _));

        var accountant = await app.BankIdAsync(Requests.Accountant);
        var notBank = await ent.PostAsync("/api/v1/loan-renewals", Renewals.Form(accountant, app.Today().AddDays(60)));
        var notBankProblem = await Problem(notBank);
        Assert.Equal("BANK_INVALID", notBankProblem.GetProperty("code").GetString());
        Assert.Equal("请选择本平台的合作银行", notBankProblem.GetProperty("errors").GetProperty("bankId")[0].GetString());

        var noConsent = await ent.PostAsync("/api/v1/loan-renewals", Renewals.Form(bankId, app.Today().AddDays(60), consent: false));
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        var consentProblem = await Problem(noConsent);
        Assert.Equal("SEPARATE_CONSENT_REQUIRED", consentProblem.GetProperty("code").GetString());
        Assert.Contains(Renewals.Bank, consentProblem.GetProperty("errors").GetProperty("consent")[0].GetString());

        var wrongDoc = await ent.PostAsync("/api/v1/loan-renewals", Renewals.Form(bankId, app.Today().AddDays(60), documents: ["passport"]));
        Assert.Equal("DOCUMENT_UNKNOWN", (await Problem(wrongDoc)).GetProperty("code").GetString());

        var fake = Renewals.Form(bankId, app.Today().AddDays(60), documents: []);
        fake.Add(new ByteArrayContent("MZ not a pdf"u8.ToArray()), "doc_licence", "licence.pdf");
        var sniffed = await ent.PostAsync("/api/v1/loan-renewals", fake);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, sniffed.StatusCode);
        Assert.Equal("FILE_TYPE_MISMATCH", (await Problem(sniffed)).GetProperty("code").GetString());

        Assert.Equal(count, await app.WithDbAsync(db => db.RenewalCases.CountAsync()));

        // The form says the same next to the fields.
        var browser = await app.SignedInAsync(Http.ApprovedEnterprise);
        var page = await browser.PostFormAsync("/enterprise/loan-renewals/new", new()
        {
            ["Input.BankId"] = bankId.ToString(), ["Input.ContractNumber"] = "HT-1", ["Input.LoanAmount"] = "100000", ["Input.MaturityOn"] = app.Today().AddDays(60).ToString("yyyy-MM-dd"),
            ["Input.Purpose"] = "周转", ["Input.RequestedAmount"] = "100000", ["Input.RequestedTermMonths"] = "0", ["Input.ContactName"] = "王建国",
            ["Input.ContactPhone"] = "13807340001", ["Input.Submit"] = "true", ["Input.Consent"] = "false",
        });
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("申请续贷期限应为1至60个月", html);
        Assert.Contains("请勾选同意向衡阳市中小企业续贷受理中心及" + Renewals.Bank, html);
        Assert.Equal(count, await app.WithDbAsync(db => db.RenewalCases.CountAsync()));
    }

    [Fact]
    public async Task Applying_close_to_maturity_is_warned_not_refused()
    {
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var close = await app.ApplyAsync(ent, maturityInDays: 10);
        var detail = await Renewals.OkJson(await ent.GetAsync($"/api/v1/loan-renewals/{close}"));
        Assert.Equal("Submitted", Renewals.Status(detail));
        Assert.Contains("距原贷款到期仅剩 10 天，建议至少提前 30 天申请", detail.GetProperty("maturityWarning").GetString());
        Assert.True(detail.GetProperty("case").GetProperty("shortNotice").GetBoolean());
        var deskPage = await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync($"/manage/loan-renewals/{close}");
        Assert.Contains("到期提醒", deskPage);
        var inbox = await app.WithDbAsync(db => db.InboxMessages.Where(m => m.Link == $"/loan-renewals/{close}" && m.Topic == "loan.submitted").Select(m => m.Body).FirstAsync());
        Assert.Contains("提醒：距原贷款到期仅剩 10 天", inbox);

        var early = await app.ApplyAsync(ent, maturityInDays: 45);
        var calm = await Renewals.OkJson(await ent.GetAsync($"/api/v1/loan-renewals/{early}"));
        Assert.Equal(JsonValueKind.Null, calm.GetProperty("maturityWarning").ValueKind);
        Assert.False(calm.GetProperty("case").GetProperty("shortNotice").GetBoolean());

        // The setting moves the threshold.
        await app.WithDbAsync(async db =>
        {
            db.Settings.Add(new Qifu.Web.Platform.Dictionaries.Setting { Key = "loan-renewal.min-days-before-maturity", Value = "60" });
            return await db.SaveChangesAsync();
        });
        try
        {
            var now = await Renewals.OkJson(await ent.GetAsync($"/api/v1/loan-renewals/{early}"));
            Assert.Contains("建议至少提前 60 天申请", now.GetProperty("maturityWarning").GetString());
        }
        finally
        {
            await app.WithDbAsync(db => db.Settings.Where(s => s.Key == "loan-renewal.min-days-before-maturity").ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task Another_enterprise_county_or_bank_never_sees_or_acts_on_the_case()
    {
        var canary = "CANARY-L-" + Guid.NewGuid().ToString("N")[..8];
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var id = await app.ApplyAsync(ent, purpose: "用途 " + canary);
        var detail = await Renewals.OkJson(await ent.GetAsync($"/api/v1/loan-renewals/{id}"));
        var fileUrl = detail.GetProperty("events")[0].GetProperty("files")[0].GetProperty("url").GetString()!;
        var fileId = Guid.Parse(fileUrl.Split('/').Last());
        var desk = await app.ApiAsync(Http.ZhuhuiOperator);
        await Renewals.OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/accept"));
        await Renewals.OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/forward"));

        var (otherPhone, _, _) = await app.ApprovedEnterpriseAsync("430405");
        var (otherBankPhone, _) = await app.AnotherBankAsync();
        var outsiders = new (string Who, HttpClient Page, HttpClient Api)[]
        {
            ("enterprise", await app.SignedInAsync(otherPhone, Renewals.NewPassword), await app.ApiAsync(otherPhone, Renewals.NewPassword)),
            ("county", await app.SignedInAsync(Http.HengyangCountyOperator), await app.ApiAsync(Http.HengyangCountyOperator)),
            ("other bank", await app.SignedInAsync(otherBankPhone, Renewals.NewPassword), await app.ApiAsync(otherBankPhone, Renewals.NewPassword)),
            ("accountant", await app.SignedInAsync(Http.Institution), await app.ApiAsync(Http.Institution)),
        };
        var reads = new[]
        {
            "/enterprise/loan-renewals", $"/enterprise/loan-renewals/{id}", "/manage/loan-renewals", $"/manage/loan-renewals/{id}", "/manage/loan-renewals/figures",
            "/institution/loan-renewals", $"/institution/loan-renewals/{id}", $"/loan-renewals/{id}", fileUrl, $"/files/{fileId}",
            "/api/v1/loan-renewals?PageSize=100", $"/api/v1/loan-renewals/{id}",
        };
        foreach (var (who, page, api) in outsiders)
        {
            foreach (var url in reads)
                foreach (var client in new[] { page, api })
                {
                    var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.False(body.Contains(canary), $"{who} {url} leaked the case ({(int)response.StatusCode})");
                    Assert.False(body.Contains("HNRCB-ZH-2025-0999"), $"{who} {url} leaked the contract number");
                    // The API client has no cookie: pages send it to the sign-in page. Statuses count where they mean something.
                    var meaningful = client == page ? !url.StartsWith("/api") : url.StartsWith("/api") || url == fileUrl || url.StartsWith("/files");
                    if (meaningful && (url.Contains(id.ToString()) || url.Contains(fileId.ToString())))
                        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect,
                            $"{who} {url}: {(int)response.StatusCode}");
                    if (client == api && url.StartsWith("/api/v1/loan-renewals/") || url == fileUrl || url.StartsWith("/files/"))
                        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                }
            foreach (var (action, body) in new (string, object)[]
                     {
                         ("withdraw", new { }), ("submit", new { consent = true }), ("accept", new { }), ("forward", new { }),
                         ("return", new { items = new[] { new { document = "tax", reason = "越权" } } }),
                         ("decision", new { approve = false, reason = "越权" }), ("disbursement", new { disbursedOn = app.Today().ToString("yyyy-MM-dd") }),
                     })
            {
                var response = await api.Json($"/api/v1/loan-renewals/{id}/{action}", body);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{who} {action}: {(int)response.StatusCode}");
            }
            var dd = await api.PostAsync($"/api/v1/loan-renewals/{id}/due-diligence", Renewals.Multipart(("on", app.Today().ToString("yyyy-MM-dd")), ("notes", "越权")));
            Assert.True(dd.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{who} due-diligence: {(int)dd.StatusCode}");
        }
        Assert.Equal("PushedToBank", (await app.LoadAsync(id)).Status.ToString());

        // The chosen bank and the county operator of the enterprise's county do see it.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiAsync(Renewals.BankPhone)).GetAsync(fileUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/api/v1/loan-renewals/{id}")).StatusCode);
        // Lists mask the contract number and round the amount.
        var list = await Renewals.OkJson(await desk.GetAsync("/api/v1/loan-renewals?PageSize=100"));
        var row = list.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal("HN********0999", row.GetProperty("contractNumberMasked").GetString());
        Assert.Equal("300 万元", row.GetProperty("requestedAmountWan").GetString());
        Assert.DoesNotContain("HNRCB-ZH-2025-0999", list.GetRawText());
    }

    [Fact]
    public async Task The_figures_are_what_the_rows_say_by_bank_and_region_and_county_operators_see_their_own()
    {
        await app.CaseInAsync(RenewalStatus.Disbursed);
        await app.CaseInAsync(RenewalStatus.Rejected);
        await app.CaseInAsync(RenewalStatus.Approved);
        await app.CaseInAsync(RenewalStatus.Draft);
        var rows = await app.WithDbAsync(db => db.RenewalCases.AsNoTracking().ToListAsync());
        var submitted = rows.Where(r => r.SubmittedAt != null).ToList();

        var city = await Renewals.OkJson(await (await app.ApiAsync(Http.CityOperator)).GetAsync("/api/v1/loan-renewals/figures"));
        var total = city.GetProperty("total");
        Assert.Equal(submitted.Count, total.GetProperty("cases").GetInt32());
        Assert.Equal(submitted.Sum(r => r.RequestedAmount), total.GetProperty("amountApplied").GetInt64());
        var disbursed = submitted.Where(r => r.Status == RenewalStatus.Disbursed).ToList();
        Assert.Equal(disbursed.Sum(r => r.ApprovedAmount!.Value), total.GetProperty("amountRenewed").GetInt64());
        var approved = submitted.Count(r => r.Status is RenewalStatus.Approved or RenewalStatus.Disbursed);
        var decided = approved + submitted.Count(r => r.Status == RenewalStatus.Rejected);
        Assert.Equal(Math.Round(100.0 * approved / decided, 1), total.GetProperty("approvalRate").GetDouble());
        var accept = submitted.Where(r => r.AcceptedAt != null).Select(r => (r.AcceptedAt!.Value - r.SubmittedAt!.Value).TotalDays).OrderBy(d => d).ToList();
        var median = accept.Count % 2 == 1 ? accept[accept.Count / 2] : (accept[accept.Count / 2 - 1] + accept[accept.Count / 2]) / 2;
        Assert.Equal(Math.Round(median, 1), total.GetProperty("medianAcceptDays").GetDouble());

        foreach (var bank in city.GetProperty("byBank").EnumerateArray())
        {
            var mine = submitted.Where(r => r.BankId.ToString() == bank.GetProperty("key").GetString()).ToList();
            Assert.Equal(mine.Count, bank.GetProperty("cases").GetInt32());
            Assert.Equal(mine.Sum(r => r.RequestedAmount), bank.GetProperty("amountApplied").GetInt64());
        }
        foreach (var region in city.GetProperty("byRegion").EnumerateArray())
            Assert.Equal(submitted.Count(r => r.RegionCode == region.GetProperty("key").GetString()), region.GetProperty("cases").GetInt32());
        Assert.Equal(submitted.Select(r => r.RegionCode).Distinct().Count(), city.GetProperty("byRegion").GetArrayLength());

        // 衡阳县's operator counts only 衡阳县's cases (the demo has one under due diligence there).
        var county = await Renewals.OkJson(await (await app.ApiAsync(Http.HengyangCountyOperator)).GetAsync("/api/v1/loan-renewals/figures"));
        Assert.Equal(submitted.Count(r => r.RegionCode == "430421"), county.GetProperty("total").GetProperty("cases").GetInt32());
        Assert.All(county.GetProperty("byRegion").EnumerateArray(), r => Assert.Equal("430421", r.GetProperty("key").GetString()));
        Assert.True(county.GetProperty("total").GetProperty("cases").GetInt32() > 0);

        // Enterprises and banks have no figures.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Renewals.BankPhone)).GetAsync("/api/v1/loan-renewals/figures")).StatusCode);
        var page = await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync("/manage/loan-renewals/figures");
        Assert.Contains("按合作银行", page);
        Assert.Contains(Renewals.Bank, page);
    }

    [Fact]
    public async Task Workbench_cards_count_what_waits_on_each_party()
    {
        await app.CaseInAsync(RenewalStatus.Submitted);
        await app.CaseInAsync(RenewalStatus.PushedToBank);
        var deskWaiting = await app.WithDbAsync(db => db.RenewalCases.CountAsync(c => c.Status == RenewalStatus.Submitted || c.Status == RenewalStatus.Resubmitted));
        var page = await (await app.SignedInAsync(Http.CityOperator)).GetStringAsync("/workbench");
        Assert.Contains($"<span class=\"card-value\">{deskWaiting}</span> 件续贷申请待受理", page);
        var bankId = await app.BankIdAsync();
        var bankWaiting = await app.WithDbAsync(db => db.RenewalCases.CountAsync(c => c.BankId == bankId && c.ForwardedAt != null
            && (c.Status == RenewalStatus.PushedToBank || c.Status == RenewalStatus.DueDiligence || c.Status == RenewalStatus.Approved)));
        var bankPage = await (await app.SignedInAsync(Renewals.BankPhone)).GetStringAsync("/workbench");
        Assert.Contains($"<span class=\"card-value\">{bankWaiting}</span> 件续贷申请待银行办理", bankPage);
        Assert.DoesNotContain("续贷申请待银行办理", await (await app.SignedInAsync(Http.Institution)).GetStringAsync("/workbench"));
    }
}
