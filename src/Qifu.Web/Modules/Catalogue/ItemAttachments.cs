using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;

namespace Qifu.Web.Modules.Catalogue;

/// <summary>
/// Attachments of a service item (brochures, fee schedules): up to five. Files of a pending revision are owned by the
/// revision and move to the item when it is approved.
/// </summary>
public sealed class ItemAttachments(AppDbContext db, FileStore store)
{
    public const string OwnerType = "service-item";
    public const int MaxCount = 5;
    public static readonly UploadRule Rule = new("item-attachment", "服务附件", 10 * 1024 * 1024, [FileKind.Pdf, FileKind.Jpeg, FileKind.Png]);

    public Task<List<StoredFile>> SaveAsync(IReadOnlyList<IFormFile> uploads, Guid ownerId, Guid? uploadedBy) =>
        store.SaveAllAsync(uploads, Rule, MaxCount, OwnerType, ownerId, uploadedBy, "attachments");

    public void Discard(IEnumerable<StoredFile> files) => store.Discard(files);

    public Task<List<StoredFile>> ListAsync(Guid ownerId, bool tracked = false)
    {
        var files = tracked ? db.Files : db.Files.AsNoTracking();
        return files.Where(f => f.OwnerType == OwnerType && f.OwnerId == ownerId).OrderBy(f => f.UploadedAt).ThenBy(f => f.FileName).ToListAsync();
    }
}
