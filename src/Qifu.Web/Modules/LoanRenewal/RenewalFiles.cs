using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>A document of a case as the pages and the API list it.</summary>
public sealed record RenewalDocument(Guid Id, string Document, string DocumentLabel, string FileName, long Size, DateTime UploadedAt, Guid EventId, string Url);

/// <summary>
/// Files of a case (申请材料, 补正材料, 银行附件). Each belongs to the timeline step it was posted with (owner type
/// <see cref="OwnerType"/>, owner id = the RenewalEvent's id) and carries its checklist code in the purpose (loan:{code}).
/// They are served only by <c>/loan-renewals/{id}/files/{fileId}</c>, which checks access and audits the read; the
/// platform's generic /files/{id} does not know this owner type and answers 404.
/// </summary>
public sealed class RenewalFiles(AppDbContext db, FileStore store)
{
    public const string OwnerType = "loan-event";
    public const string BankField = "attachments";

    /// <summary>
    /// Checks and writes the uploaded documents before anything else changes: checklist files come in fields
    /// <c>doc_{code}</c>; a bank's attachments (when <paramref name="bank"/>) in <c>attachments</c>. All or none.
    /// </summary>
    public async Task<List<StoredFile>> SaveAsync(IReadOnlyList<IFormFile>? uploads, Guid? uploadedBy, bool bank = false)
    {
        var real = (uploads ?? []).Where(f => !(f.Length == 0 && string.IsNullOrEmpty(f.FileName))).ToList();
        if (real.Count > Checklist.MaxFilesPerStep)
            throw new RuleViolationException("TOO_MANY_FILES", $"每次最多上传{Checklist.MaxFilesPerStep}个文件", "documents", 400);
        var byField = real.GroupBy(f => f.Name).ToList();
        foreach (var group in byField)
        {
            var code = CodeOf(group.Key, bank);
            if (code is null)
                throw new RuleViolationException("DOCUMENT_UNKNOWN", $"“{group.Key}”不是续贷材料清单中的材料", "documents", 400);
            if (group.Count() > Checklist.MaxFilesPerDocument)
                throw new RuleViolationException("TOO_MANY_FILES", $"{Checklist.Label(code)}最多上传{Checklist.MaxFilesPerDocument}个文件", group.Key, 400);
        }
        var saved = new List<StoredFile>();
        try
        {
            foreach (var f in real)
            {
                var code = CodeOf(f.Name, bank)!;
                saved.Add(await store.SaveAsync(f, Checklist.RuleFor(code), OwnerType, Guid.Empty, uploadedBy, f.Name, CancellationToken.None));
            }
        }
        catch
        {
            store.Discard(saved);
            throw;
        }
        return saved;
    }

    private static string? CodeOf(string field, bool bank)
    {
        if (bank) return field == BankField ? Checklist.BankAttachment : null;
        if (!field.StartsWith(Checklist.FieldPrefix, StringComparison.Ordinal)) return null;
        var code = field[Checklist.FieldPrefix.Length..];
        return Checklist.IsKnown(code) ? code : null;
    }

    public void Discard(IEnumerable<StoredFile> files) => store.Discard(files);

    public async Task<List<RenewalDocument>> OfCaseAsync(Guid caseId)
    {
        var rows = await (from f in db.Files.AsNoTracking()
                          join e in db.RenewalEvents.AsNoTracking() on f.OwnerId equals e.Id
                          where f.OwnerType == OwnerType && e.CaseId == caseId
                          orderby f.UploadedAt, f.FileName
                          select new { File = f, e.Id }).ToListAsync();
        return rows.Select(r => new RenewalDocument(r.File.Id, Checklist.CodeOfPurpose(r.File.Purpose) ?? "", Checklist.Label(Checklist.CodeOfPurpose(r.File.Purpose) ?? ""),
            r.File.FileName, r.File.Size, r.File.UploadedAt, r.Id, $"/loan-renewals/{caseId}/files/{r.File.Id}")).ToList();
    }

    /// <summary>The file if it belongs to the case (the caller has already been checked against the case).</summary>
    public Task<StoredFile?> FindAsync(Guid caseId, Guid fileId) =>
        (from f in db.Files.AsNoTracking()
         join e in db.RenewalEvents.AsNoTracking() on f.OwnerId equals e.Id
         where f.Id == fileId && f.OwnerType == OwnerType && e.CaseId == caseId
         select f).FirstOrDefaultAsync();
}
