using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.LoanRenewal.Apply;
using Qifu.Web.Modules.LoanRenewal.Data;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Consent;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using EnterpriseStatus = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>
/// Demo renewal cases with the demo partner bank (衡阳农村商业银行珠晖支行, 13707340002), one in each main state: the
/// approved demo enterprise (13807340001) has one returned for completion and one completed; others wait on the desk,
/// on the bank, are under due diligence, approved, declined. Runs once: does nothing when any case exists.
/// </summary>
public static class DemoRenewals
{
    private sealed record Plan(string Enterprise, RenewalStatus Target, int DaysAgo, int MaturityInDays, long Loan, long Requested, int Term,
        string Contract, string Purpose, string? Missing = null);

    private static readonly Plan[] Plans =
    [
        new("衡阳恒远机械制造有限公司", RenewalStatus.Incomplete, 3, 52, 3_000_000, 3_000_000, 12, "HNRCB-ZH-2025-0318", "购买钢材、支付外协加工费等日常周转", "bank-statements"),
        new("衡阳恒远机械制造有限公司", RenewalStatus.Disbursed, 70, -20, 2_000_000, 2_000_000, 12, "HNRCB-ZH-2025-0107", "原材料采购周转"),
        new("衡阳市珠晖区云帆软件科技有限公司", RenewalStatus.Submitted, 1, 21, 800_000, 800_000, 12, "HNRCB-ZH-2025-0412", "支付研发人员工资和服务器租赁费"),
        new("衡阳蒸湘区智联物流有限公司", RenewalStatus.PushedToBank, 6, 40, 5_000_000, 4_500_000, 24, "HNRCB-ZH-2025-0233", "支付燃油、路桥费和车辆维修"),
        new("衡阳县金禾农业开发有限公司", RenewalStatus.DueDiligence, 10, 35, 1_500_000, 1_500_000, 12, "HNRCB-ZH-2025-0195", "收购稻谷、支付农资款"),
        new("衡东县恒通汽车零部件有限公司", RenewalStatus.Approved, 18, 12, 10_000_000, 10_000_000, 12, "HNRCB-ZH-2025-0066", "采购铝锭和模具"),
        new("衡南县云集米业有限公司", RenewalStatus.Rejected, 25, 8, 1_200_000, 1_200_000, 12, "HNRCB-ZH-2025-0151", "收购稻谷"),
    ];

    private static readonly string[] Diligence =
    [
        "实地走访生产车间，设备运转正常；核对近6个月纳税和基本户流水，经营稳定，无欠息记录。",
        "查询征信无逾期；走访主要客户，订单连续；实际控制人还款意愿良好。",
    ];

    public static async Task SeedAsync(AppDbContext db, FileStore store, TimeProvider clock)
    {
        if (await db.RenewalCases.AnyAsync()) return;
        var bank = await db.Institutions.AsNoTracking().Where(i => i.Kind == InstitutionKind.Bank && i.Status == EnterpriseStatus.Approved)
            .OrderBy(i => i.CreatedAt).FirstOrDefaultAsync();
        if (bank is null) return;
        var names = Plans.Select(p => p.Enterprise).Distinct().ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => names.Contains(e.Name) && e.Status == EnterpriseStatus.Approved).ToListAsync();
        if (enterprises.Count == 0) return;
        var bankUser = await db.Users.AsNoTracking().Where(u => u.InstitutionId == bank.Id).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
        var calendar = new WorkingCalendar(db, clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = HengyangCalendar.Today(clock);
        var pdf = DemoPdf(store);
        var desk = new RenewalActor(RenewalParty.Desk, null, "周敏");
        var banker = new RenewalActor(RenewalParty.Bank, bankUser?.Id, bankUser?.DisplayName ?? "孙磊");
        var random = new Random(430400);
        foreach (var p in Plans)
        {
            var e = enterprises.FirstOrDefault(x => x.Name == p.Enterprise);
            if (e is null) continue;
            var user = await db.Users.AsNoTracking().Where(u => u.EnterpriseId == e.Id).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync();
            var me = new RenewalActor(RenewalParty.Enterprise, user?.Id, user?.DisplayName ?? e.ContactName);
            var t = now.AddDays(-p.DaysAgo).AddHours(-random.Next(1, 5));
            var c = new RenewalCase
            {
                Id = Guid.NewGuid(), Number = "XD" + HengyangCalendar.DayOf(t).ToString("yyMMdd") + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(),
                EnterpriseId = e.Id, EnterpriseName = e.Name, CreditCode = e.CreditCode, RegionCode = e.RegionCode, BankId = bank.Id, BankName = bank.Name,
                ContractNumber = p.Contract, LoanAmount = p.Loan, MaturityOn = today.AddDays(p.MaturityInDays), Purpose = p.Purpose, RequestedAmount = p.Requested,
                RequestedTermMonths = p.Term, ContactName = e.ContactName, ContactPhone = e.ContactPhone, CreatedAt = t,
            };
            c.MarkShortNotice(p.MaturityInDays + p.DaysAgo < 30);
            db.RenewalCases.Add(c);
            var created = new RenewalEvent
            {
                Id = Guid.NewGuid(), CaseId = c.Id, At = t, Action = "create", FromStatus = RenewalStatus.Draft, ToStatus = RenewalStatus.Draft,
                Party = RenewalParty.Enterprise, ActorId = me.UserId, ActorName = me.Name, Comment = "上传申请材料",
            };
            db.RenewalEvents.Add(created);
            foreach (var item in Checklist.Items.Where(i => i.Required && i.Code != p.Missing))
                db.Files.Add(DemoFile(pdf, created.Id, item, user?.Id, t));
            var consent = new DataSharingConsent
            {
                Id = Guid.NewGuid(), EnterpriseId = e.Id, UserId = user?.Id ?? Guid.Empty, RecipientKind = "bank", RecipientId = bank.Id, RecipientName = bank.Name,
                Purpose = ApplyHandler.PurposeOf(bank.Name), Fields = ApplyHandler.SharedFields, GivenAt = t,
            };
            db.DataSharingConsents.Add(consent);
            var day = HengyangCalendar.DayOf(t);
            db.RenewalEvents.Add(c.Submit(consent.Id, await calendar.AddWorkingDaysAsync(day, 2), null, me, t));
            if (p.Target == RenewalStatus.Submitted) continue;
            t = t.AddHours(20);
            if (p.Missing is not null)
            {
                db.RenewalEvents.Add(c.ReturnForCompletion([new Correction(p.Missing, "缺少近6个月基本户流水，请加盖银行业务章后上传")], null, desk, t));
                continue;
            }
            db.RenewalEvents.Add(c.Accept(await calendar.AddWorkingDaysAsync(HengyangCalendar.DayOf(t), 1), "材料齐全", desk, t));
            t = t.AddHours(3);
            db.RenewalEvents.Add(c.Forward(await calendar.AddWorkingDaysAsync(HengyangCalendar.DayOf(t), 10), null, desk, t));
            if (p.Target == RenewalStatus.PushedToBank) continue;
            t = t.AddDays(2);
            db.RenewalEvents.Add(c.RecordDueDiligence(HengyangCalendar.DayOf(t), Diligence[random.Next(Diligence.Length)], banker, t));
            if (p.Target == RenewalStatus.DueDiligence) continue;
            t = t.AddDays(3);
            if (p.Target == RenewalStatus.Rejected)
            {
                db.RenewalEvents.Add(c.Decline("近一年销售收入下降超过40%，经营现金流不足以覆盖新贷款，建议对接应急转贷资金或政府性融资担保", banker, t));
                continue;
            }
            db.RenewalEvents.Add(c.Approve(p.Requested, p.Term, p.Contract.Replace("2025", "2026"), "利率与原贷款一致", banker, t));
            if (p.Target == RenewalStatus.Approved) continue;
            t = t.AddDays(4);
            db.RenewalEvents.Add(c.Disburse(HengyangCalendar.DayOf(t), "新贷款已发放并结清原贷款", banker, t));
        }
        await db.SaveChangesAsync();
    }

    private static string DemoPdf(FileStore store)
    {
        var bytes = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
        var relative = Path.Combine("demo", "loan-renewal-demo.pdf");
        Directory.CreateDirectory(Path.Combine(store.Root, "demo"));
        var full = Path.Combine(store.Root, relative);
        if (!File.Exists(full)) File.WriteAllBytes(full, bytes);
        return relative;
    }

    private static StoredFile DemoFile(string relative, Guid eventId, ChecklistItem item, Guid? uploadedBy, DateTime at) => new()
    {
        Id = Guid.NewGuid(), OwnerType = RenewalFiles.OwnerType, OwnerId = eventId, Purpose = "loan:" + item.Code, FileName = item.Label + "（演示）.pdf",
        ContentType = "application/pdf", Size = 190, Sha256 = new string('0', 64), StoragePath = relative, UploadedAt = at, UploadedBy = uploadedBy,
    };
}
