using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;
using Qifu.Web.Modules.LoanRenewal;
using Qifu.Web.Modules.LoanRenewal.Data;

namespace Qifu.Tests.Modules.LoanRenewal;

/// <summary>
/// The whole case through HTTP: apply with a document missing, the desk refuses to accept and returns it for completion,
/// the enterprise completes and resubmits, the desk accepts and forwards, the bank records due diligence, approves and
/// records the disbursement. Deadlines in working days, inbox messages to the enterprise and audit entries at each step.
/// </summary>
[Collection(LoanRenewalCollection.Name)]
public sealed class RenewalFlowTests(QifuApp app)
{
    [Fact]
    public async Task A_case_goes_from_application_through_the_return_loop_to_renewal()
    {
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var desk = await app.ApiAsync(Http.ZhuhuiOperator);
        var bank = await app.ApiAsync(Renewals.BankPhone);
        var enterpriseId = await app.WithDbAsync(db => db.Enterprises.Where(e => e.Name == "衡阳恒远机械制造有限公司").Select(e => e.Id).SingleAsync());
        var enterpriseUsers = await app.WithDbAsync(db => db.Users.Where(u => u.EnterpriseId == enterpriseId).Select(u => u.Id).ToListAsync());
        // The fake clock stands still, so messages of one test share a time: compare them as sorted lists.
        async Task<List<string>> InboxTopics(Guid caseId) => (await app.WithDbAsync(db => db.InboxMessages
            .Where(m => enterpriseUsers.Contains(m.UserId) && m.Link == $"/loan-renewals/{caseId}").Select(m => m.Topic).ToListAsync())).Order().ToList();
        static List<string> Sorted(params string[] topics) => topics.Order().ToList();

        // Apply without the bank statements. Thursday 2026-11-26 (Beijing): 2 working days → Monday 2026-11-30.
        var documents = Renewals.Required.Where(c => c != "bank-statements").ToArray();
        var id = await app.ApplyAsync(ent, documents);
        var c = await app.LoadAsync(id);
        Assert.Equal(RenewalStatus.Submitted, c.Status);
        Assert.Equal(new DateOnly(2026, 11, 30), c.DueOn);
        Assert.NotNull(c.ConsentId);
        var consent = await app.WithDbAsync(db => db.DataSharingConsents.SingleAsync(x => x.Id == c.ConsentId));
        Assert.Equal("bank", consent.RecipientKind);
        Assert.Equal(Renewals.Bank, consent.RecipientName);
        Assert.Contains("续贷受理中心", consent.Purpose);
        Assert.Contains("原借款合同编号", consent.Fields);
        Assert.Equal(["loan.submitted"], await InboxTopics(id));

        // The chosen bank does not see a case that was not forwarded to it.
        Assert.Equal(HttpStatusCode.NotFound, (await bank.GetAsync($"/api/v1/loan-renewals/{id}")).StatusCode);
        var bankList = await Renewals.OkJson(await bank.GetAsync("/api/v1/loan-renewals?PageSize=100"));
        Assert.DoesNotContain(bankList.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);

        // Incomplete: the desk may not accept (409, the database unchanged) and returns it per document.
        var before = await app.FingerprintAsync(id);
        var refused = await desk.Json($"/api/v1/loan-renewals/{id}/accept");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("DOCUMENTS_INCOMPLETE", await Renewals.CodeOf(refused));
        Assert.Equal(before, await app.FingerprintAsync(id));
        var returned = await Renewals.OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/return",
            new { items = new[] { new { document = "bank-statements", reason = "缺少近6个月基本户流水" }, new { document = "tax", reason = "" } }, note = "补齐后重新提交" }));
        Assert.Equal("Incomplete", Renewals.Status(returned));
        var checklist = returned.GetProperty("checklist").EnumerateArray().ToList();
        Assert.Equal("缺少近6个月基本户流水", checklist.Single(x => x.GetProperty("code").GetString() == "bank-statements").GetProperty("correction").GetString());
        Assert.Equal(JsonValueKind.Null, checklist.Single(x => x.GetProperty("code").GetString() == "tax").GetProperty("correction").ValueKind);
        Assert.Equal(Sorted("loan.submitted", "loan.returned"), await InboxTopics(id));

        // The enterprise completes the document and resubmits.
        var upload = new MultipartFormDataContent { { new ByteArrayContent(TestData.Pdf), "doc_bank-statements", "流水.pdf" }, { new StringContent("已补充流水"), "note" } };
        var completed = await Renewals.OkJson(await ent.PostAsync($"/api/v1/loan-renewals/{id}/documents", upload));
        Assert.Empty(completed.GetProperty("missingRequired").EnumerateArray());
        var resubmitted = await Renewals.OkJson(await ent.Json($"/api/v1/loan-renewals/{id}/submit", new { note = "已补正" }));
        Assert.Equal("Resubmitted", Renewals.Status(resubmitted));
        Assert.Equal(new DateOnly(2026, 11, 30), (await app.LoadAsync(id)).DueOn);

        // Accept (forward due in 1 working day: Friday 27th), forward (bank decision in 10 working days: 2026-12-10).
        Assert.Equal("Accepted", Renewals.Status(await Renewals.OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/accept", new { note = "材料齐全" }))));
        Assert.Equal(new DateOnly(2026, 11, 27), (await app.LoadAsync(id)).DueOn);
        Assert.Equal("PushedToBank", Renewals.Status(await Renewals.OkJson(await desk.Json($"/api/v1/loan-renewals/{id}/forward"))));
        c = await app.LoadAsync(id);
        Assert.Equal(new DateOnly(2026, 12, 10), c.DueOn);
        var bankDetail = await Renewals.OkJson(await bank.GetAsync($"/api/v1/loan-renewals/{id}"));
        Assert.Equal("HNRCB-ZH-2025-0999", bankDetail.GetProperty("contractNumber").GetString());
        Assert.Contains("due-diligence", bankDetail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        // The bank: due diligence with an attachment, approval, disbursement.
        var dd = new MultipartFormDataContent
        {
            { new StringContent(app.Today().ToString("yyyy-MM-dd")), "on" }, { new StringContent("实地走访车间，核对纳税和流水，经营稳定"), "notes" },
            { new ByteArrayContent(TestData.Pdf), "attachments", "走访记录.pdf" },
        };
        Assert.Equal("DueDiligence", Renewals.Status(await Renewals.OkJson(await bank.PostAsync($"/api/v1/loan-renewals/{id}/due-diligence", dd))));
        var approved = await Renewals.OkJson(await bank.Json($"/api/v1/loan-renewals/{id}/decision",
            new { approve = true, amount = 2_800_000, termMonths = 12, newContractNumber = "HNRCB-ZH-2026-1201" }));
        Assert.Equal("Approved", Renewals.Status(approved));
        Assert.Equal(2_800_000, approved.GetProperty("approvedAmount").GetInt64());
        Assert.Equal(c.MaturityOn, (await app.LoadAsync(id)).DueOn);
        var done = await Renewals.OkJson(await bank.Json($"/api/v1/loan-renewals/{id}/disbursement", new { disbursedOn = app.Today().ToString("yyyy-MM-dd"), note = "新贷款已发放" }));
        Assert.Equal("Disbursed", Renewals.Status(done));
        Assert.Equal("续贷完成", done.GetProperty("case").GetProperty("statusLabel").GetString());
        Assert.Null((await app.LoadAsync(id)).DueOn);

        // The enterprise heard of every step; the timeline names who did what; every state change is audited.
        Assert.Equal(Sorted("loan.submitted", "loan.returned", "loan.documents", "loan.resubmitted", "loan.accepted", "loan.forwarded", "loan.due-diligence",
            "loan.approved", "loan.disbursed"), await InboxTopics(id));
        var timeline = (await Renewals.OkJson(await ent.GetAsync($"/api/v1/loan-renewals/{id}"))).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["create", "submit", "return", "documents", "resubmit", "accept", "forward", "due-diligence", "approve", "disburse"],
            timeline.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("续贷受理中心", timeline[2].GetProperty("partyLabel").GetString());
        Assert.Equal("合作银行", timeline[8].GetProperty("partyLabel").GetString());
        Assert.Single(timeline[7].GetProperty("files").EnumerateArray());
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == LoanRenewalModule.AuditEntityType && a.EntityId == id.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["提交续贷申请", "退回补正续贷申请", "补充续贷材料", "补正后重新提交续贷申请", "受理续贷申请", "推送续贷申请至银行", "记录尽职调查",
            "银行批准续贷", "登记续贷放款"], audit);
        // Amounts never go into the audit log, the contract number only masked.
        var logged = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id.ToString()).Select(a => (a.Before ?? "") + (a.After ?? "") + (a.Comment ?? "")).ToListAsync());
        Assert.DoesNotContain(logged, l => l.Contains("2800000") || l.Contains("3000000") || l.Contains("HNRCB-ZH-2025-0999"));

        // The enterprise's page shows the timeline; reading a document is allowed and audited.
        var page = await (await app.SignedInAsync(Http.ApprovedEnterprise)).GetStringAsync($"/enterprise/loan-renewals/{id}");
        Assert.Contains("放款（续贷完成）", page);
        Assert.Contains("退回补正", page);
        var file = timeline[3].GetProperty("files")[0].GetProperty("url").GetString()!;
        var download = await desk.GetAsync(file);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TestData.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() && a.Action == "查看续贷材料")));
    }

    [Fact]
    public async Task The_enterprise_withdraws_before_the_bank_decides_and_not_after()
    {
        var ent = await app.ApiAsync(Http.ApprovedEnterprise);
        var id = await app.CaseInAsync(RenewalStatus.DueDiligence);
        var withdrawn = await Renewals.OkJson(await ent.Json($"/api/v1/loan-renewals/{id}/withdraw", new { reason = "已通过其他渠道解决资金" }));
        Assert.Equal("Withdrawn", Renewals.Status(withdrawn));
        var bankId = await app.BankIdAsync();
        var bankUsers = await app.WithDbAsync(db => db.Users.Where(u => u.InstitutionId == bankId).Select(u => u.Id).ToListAsync());
        Assert.True(await app.WithDbAsync(db => db.InboxMessages.AnyAsync(m => m.Topic == "loan.withdrawn" && bankUsers.Contains(m.UserId) && m.Link == $"/loan-renewals/{id}")));

        var approved = await app.CaseInAsync(RenewalStatus.Approved);
        var before = await app.FingerprintAsync(approved);
        var refused = await ent.Json($"/api/v1/loan-renewals/{approved}/withdraw", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("RENEWAL_STATUS_CONFLICT", problem.GetProperty("code").GetString());
        Assert.Equal("当前状态为“银行已批准”，不能撤回", problem.GetProperty("title").GetString());
        Assert.Equal(before, await app.FingerprintAsync(approved));

        // A draft can be withdrawn too, and a draft is invisible to the desk.
        var draft = await app.CaseInAsync(RenewalStatus.Draft);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAsync(Http.CityOperator)).GetAsync($"/api/v1/loan-renewals/{draft}")).StatusCode);
        Assert.Equal("Withdrawn", Renewals.Status(await Renewals.OkJson(await ent.Json($"/api/v1/loan-renewals/{draft}/withdraw"))));
    }

    public static TheoryData<string, string, string> IllegalMoves => new()
    {
        // state, who, action
        { "Submitted", "desk", "forward" },
        { "Submitted", "enterprise", "submit" },
        { "Incomplete", "desk", "accept" },
        { "Accepted", "desk", "accept" },
        { "Accepted", "desk", "return" },
        { "PushedToBank", "bank", "decision" },
        { "PushedToBank", "bank", "disbursement" },
        { "DueDiligence", "bank", "disbursement" },
        { "Approved", "bank", "due-diligence" },
        { "Approved", "bank", "decision" },
        { "Rejected", "bank", "disbursement" },
        { "Rejected", "enterprise", "withdraw" },
        { "Disbursed", "enterprise", "withdraw" },
        { "Disbursed", "enterprise", "documents" },
    };

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public async Task A_move_the_state_machine_does_not_allow_is_409_in_chinese_and_changes_nothing(string state, string who, string action)
    {
        var id = await app.CaseInAsync(Enum.Parse<RenewalStatus>(state));
        var client = await app.ApiAsync(who switch { "desk" => Http.CityOperator, "bank" => Renewals.BankPhone, _ => Http.ApprovedEnterprise });
        var before = await app.FingerprintAsync(id);
        var url = $"/api/v1/loan-renewals/{id}/{action}";
        var response = action switch
        {
            "return" => await client.Json(url, new { items = new[] { new { document = "tax", reason = "请补充" } } }),
            "decision" => await client.Json(url, new { approve = true, amount = 100000, termMonths = 12 }),
            "disbursement" => await client.Json(url, new { disbursedOn = app.Today().ToString("yyyy-MM-dd") }),
            "due-diligence" => await client.PostAsync(url, Renewals.Multipart(("on", app.Today().ToString("yyyy-MM-dd")), ("notes", "再次走访"))),
            "documents" => await client.PostAsync(url, new MultipartFormDataContent { { new ByteArrayContent(TestData.Pdf), "doc_tax", "tax.pdf" } }),
            "submit" => await client.Json(url, new { consent = true }),
            _ => await client.Json(url),
        };
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{(int)response.StatusCode} {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("RENEWAL_STATUS_CONFLICT", problem.GetProperty("code").GetString());
        Assert.StartsWith("当前状态为“", problem.GetProperty("title").GetString());
        Assert.Equal(before, await app.FingerprintAsync(id));
    }
}
