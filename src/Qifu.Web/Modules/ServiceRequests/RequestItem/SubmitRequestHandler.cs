using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Modules.ServiceRequests.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Calendar;
using Qifu.Web.Platform.Consent;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Notifications;
using Qifu.Web.Platform.Registration;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.ServiceRequests.RequestItem;

/// <summary>What the enterprise fills in. The consent is checked by the handler, so its refusal carries its own code.</summary>
public record RequestInput
{
    [Required(ErrorMessage = "请填写需求描述")]
    [StringLength(2000, ErrorMessage = "需求描述不能超过2000字")]
    public string Need { get; init; } = "";

    [Required(ErrorMessage = "请填写联系人")]
    [StringLength(50, ErrorMessage = "联系人不能超过50字")]
    public string ContactName { get; init; } = "";

    [Required(ErrorMessage = "请填写联系电话")]
    [StringLength(20, ErrorMessage = "联系电话不能超过20位")]
    public string ContactPhone { get; init; } = "";

    /// <summary>The separate consent (单独同意, PI-04) to give the listed fields to the institution.</summary>
    /// <remarks>[Required] only gives the implicit client-side rule a Chinese message; false is refused by the handler.</remarks>
    [Required(ErrorMessage = "请勾选单独同意")]
    public bool Consent { get; init; }
}

/// <summary>The API's form: the same fields plus the item (multipart/form-data; files in <c>attachments</c>).</summary>
public sealed record NewRequest : RequestInput
{
    [Required(ErrorMessage = "请指定服务项目")]
    public Guid? ItemId { get; init; }
}

/// <summary>What the request page shows before the form.</summary>
public sealed record RequestForm(ServiceItem Item, Institution Institution, Enterprise Enterprise)
{
    public bool EnterpriseMayRequest => Enterprise.Status == RegistrationStatus.Approved;
    public string Purpose => SubmitRequestHandler.PurposeOf(Institution.Name, Item.Content.Title);
}

/// <summary>
/// 申请服务: an approved enterprise asks for a published item of an approved institution. The separate consent, the
/// request with its deadline, the first timeline step with its files, the item's counter, the institution's notice
/// and the audit entry are saved together or not at all.
/// </summary>
public sealed class SubmitRequestHandler(AppDbContext db, RequestFiles files, FileStore store, WorkingCalendar calendar, SiteSettings settings,
    Notifier notifier, AuditTrail audit, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Exactly the fields the institution receives, as the consent block lists them.</summary>
    public const string SharedFields = "企业名称、联系人、联系电话、需求描述、附件";

    /// <summary>The purpose the consent names.</summary>
    public static string PurposeOf(string institution, string item)
    {
        var text = $"由{institution}受理、办理服务项目“{item}”，并就该服务与本企业联系";
        return text.Length > 200 ? text[..200] : text;
    }

    /// <summary>Null when the item cannot be requested (unknown, not published, institution not approved): the page says 404.</summary>
    public async Task<RequestForm?> LoadAsync(Guid itemId, ClaimsPrincipal user)
    {
        var enterpriseId = CurrentUser.EnterpriseId(user);
        if (enterpriseId is null) return null;
        var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId);
        if (item is null || !item.IsLive) return null;
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == item.InstitutionId);
        if (institution is null || institution.Status != RegistrationStatus.Approved) return null;
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId);
        return enterprise is null ? null : new RequestForm(item, institution, enterprise);
    }

    /// <param name="alongside">Called with the new request just before the save: another module's change made in the same
    /// context (e.g. a need marked 已对接 with the request's id) is then saved in the same transaction.</param>
    public async Task<ServiceRequest?> SubmitAsync(Guid itemId, RequestInput input, IReadOnlyList<IFormFile>? attachments, ClaimsPrincipal user,
        Action<ServiceRequest>? alongside = null)
    {
        var enterprise = CurrentUser.EnterpriseId(user) is { } eid ? await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid) : null;
        if (enterprise is null) return null;
        if (enterprise.Status != RegistrationStatus.Approved)
            throw new RuleViolationException("ENTERPRISE_NOT_APPROVED", "企业注册审核通过后才能申请服务", null, 403);
        var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId);
        if (item is null || (!item.IsLive && item.PublishedVersion == 0)) return null;
        if (!item.IsLive)
            throw new RuleViolationException("ITEM_NOT_AVAILABLE", "该服务项目已下架，暂不能申请");
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == item.InstitutionId);
        if (institution is null || institution.Status != RegistrationStatus.Approved)
            throw new RuleViolationException("INSTITUTION_NOT_AVAILABLE", "该服务机构暂停服务，暂不能申请");
        var phone = PhoneNumber.Normalize(input.ContactPhone);
        if (!PhoneNumber.IsContactNumber(phone))
            throw new RuleViolationException("PHONE_INVALID", "联系电话应为11位手机号或带区号的固定电话", "contactPhone", 400);
        if (!input.Consent)
            throw new RuleViolationException("SEPARATE_CONSENT_REQUIRED",
                $"请勾选同意向{institution.Name}提供企业名称、联系人、联系电话、需求描述和附件，否则无法提交服务申请", "consent", 400);

        var me = CurrentUser.Id(user);
        var saved = await files.SaveAsync(attachments, me);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var today = calendar.Today;
            var consent = new DataSharingConsent
            {
                Id = Guid.NewGuid(), EnterpriseId = enterprise.Id, UserId = me, RecipientKind = "institution", RecipientId = institution.Id,
                RecipientName = institution.Name, Purpose = PurposeOf(institution.Name, item.Content.Title), Fields = SharedFields, GivenAt = now,
                Ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            };
            var request = new ServiceRequest
            {
                Id = Guid.NewGuid(), Number = await NewNumberAsync(today), ItemId = item.Id, ItemVersion = item.PublishedVersion,
                ItemTitle = item.Content.Title, InstitutionId = institution.Id, InstitutionName = institution.Name, EnterpriseId = enterprise.Id,
                EnterpriseName = enterprise.Name, RegionCode = enterprise.RegionCode, Need = input.Need.Trim(), ContactName = input.ContactName.Trim(),
                ContactPhone = phone, ConsentId = consent.Id, SubmittedAt = now,
                AcceptDueOn = await calendar.AddWorkingDaysAsync(today, await settings.GetIntAsync(Settings.AcceptWorkingDays)),
            };
            var actor = RequestAccess.ActorOf(user);
            var step = new RequestEvent
            {
                Id = Guid.NewGuid(), RequestId = request.Id, At = now, Action = "submit", FromStatus = RequestStatus.Submitted,
                ToStatus = RequestStatus.Submitted, Party = Party.Enterprise, ActorId = actor.UserId, ActorName = actor.Name,
                Comment = saved.Count > 0 ? $"附件 {saved.Count} 个" : null,
            };
            foreach (var f in saved) f.OwnerId = step.Id;
            db.DataSharingConsents.Add(consent);
            db.ServiceRequests.Add(request);
            db.RequestEvents.Add(step);
            db.Files.AddRange(saved);
            await notifier.NotifyAsync("request.submitted", RequestNotices.Parties(request), $"收到服务申请 {request.Number}",
                $"{enterprise.Name}申请“{item.Content.Title}”，请在 {request.AcceptDueOn:yyyy-MM-dd} 前受理或说明不能受理的原因。", RequestNotices.Link(request));
            audit.Record("提交服务申请", ServiceRequestsModule.AuditEntityType, request.Id, request.RegionCode, after: RequestNotices.Snapshot(request),
                comment: $"单独同意向{institution.Name}提供：{SharedFields}");
            alongside?.Invoke(request);
            await RequestCommit.SaveAsync(db, store, saved, new ItemCounts(item.Id, Requests: 1), now);
            return request;
        }
        catch
        {
            files.Discard(saved);
            throw;
        }
    }

    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I: read out on the phone

    /// <summary>FW + yyMMdd + six characters; the unique index is the last word, this only avoids a needless failure.</summary>
    private async Task<string> NewNumberAsync(DateOnly today)
    {
        while (true)
        {
            var number = "FW" + today.ToString("yyMMdd") + string.Concat(Enumerable.Range(0, 6).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
            if (!await db.ServiceRequests.AnyAsync(r => r.Number == number)) return number;
        }
    }
}
