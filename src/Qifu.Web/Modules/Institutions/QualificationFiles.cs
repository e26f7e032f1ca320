using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;

namespace Qifu.Web.Modules.Institutions;

/// <summary>An institution's qualification files (资质证明): up to five, checked and stored by <see cref="FileStore"/>.</summary>
public sealed class QualificationFiles(AppDbContext db, FileStore store)
{
    public const string OwnerType = "institution";
    public const int MaxCount = 5;

    /// <summary>Writes the files to storage; the caller adds the rows to its unit of work and calls
    /// <see cref="Discard"/> if that fails. If one file is refused, the ones already written are removed.</summary>
    public Task<List<StoredFile>> SaveAsync(IReadOnlyList<IFormFile> uploads, Guid institutionId, Guid? uploadedBy) =>
        store.SaveAllAsync(uploads, UploadRule.Qualification, MaxCount, OwnerType, institutionId, uploadedBy, "qualifications");

    public void Discard(IEnumerable<StoredFile> files) => store.Discard(files);

    public Task<List<StoredFile>> ListAsync(Guid institutionId, bool tracked = false)
    {
        var files = tracked ? db.Files : db.Files.AsNoTracking();
        return files.Where(f => f.OwnerType == OwnerType && f.OwnerId == institutionId && f.Purpose == UploadRule.Qualification.Purpose)
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.FileName).ToListAsync();
    }
}
