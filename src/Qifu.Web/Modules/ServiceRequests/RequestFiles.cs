using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.ServiceRequests;

/// <summary>
/// Files on a request's timeline (申请附件, 服务过程材料, 办结材料). Each belongs to the timeline step it was posted with
/// (owner type <see cref="OwnerType"/>, owner id = the RequestEvent's id), so the timeline shows who posted what, when.
/// </summary>
public sealed class RequestFiles(AppDbContext db, FileStore store)
{
    public const string OwnerType = "request-event";
    public const int MaxCount = 5;
    public const string Field = "attachments";

    /// <summary>The written limits for request files (SECURITY.md FI-01): PDF, JPG or PNG, 10 MB each, at most five per step.</summary>
    public static readonly UploadRule Rule = new("request", "附件", 10 * 1024 * 1024, [FileKind.Pdf, FileKind.Jpeg, FileKind.Png]);

    /// <summary>
    /// Checks and writes the files before anything else changes; the caller sets the owner once the timeline step
    /// exists, adds the rows to its unit of work, and calls <see cref="Discard"/> if that fails (BL-03).
    /// </summary>
    public Task<List<StoredFile>> SaveAsync(IReadOnlyList<IFormFile>? uploads, Guid? uploadedBy) =>
        store.SaveAllAsync(uploads, Rule, MaxCount, OwnerType, Guid.Empty, uploadedBy, Field);

    public void Discard(IEnumerable<StoredFile> files) => store.Discard(files);

    public async Task<ILookup<Guid, StoredFile>> OfEventsAsync(IReadOnlyCollection<Guid> eventIds)
    {
        var files = await db.Files.AsNoTracking()
            .Where(f => f.OwnerType == OwnerType && eventIds.Contains(f.OwnerId))
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.FileName).ToListAsync();
        return files.ToLookup(f => f.OwnerId);
    }

    /// <summary>Download permission (Platform/Files/FileEndpoints): the two parties of the request and operators in its scope.</summary>
    public static async Task<bool> MaySeeAsync(ClaimsPrincipal user, Guid eventId, AppDbContext db)
    {
        var request = await (from e in db.RequestEvents.AsNoTracking()
                             join r in db.ServiceRequests.AsNoTracking() on e.RequestId equals r.Id
                             where e.Id == eventId
                             select new { r.EnterpriseId, r.InstitutionId, r.RegionCode }).FirstOrDefaultAsync();
        if (request is null) return false;
        return RequestAccess.ViewerOf(user) switch
        {
            Viewer.Enterprise => CurrentUser.EnterpriseId(user) == request.EnterpriseId,
            Viewer.Institution => CurrentUser.InstitutionId(user) == request.InstitutionId,
            Viewer.Operator => DataScope.Of(user).Covers(request.RegionCode),
            _ => false,
        };
    }
}
