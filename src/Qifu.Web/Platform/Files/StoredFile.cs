namespace Qifu.Web.Platform.Files;

/// <summary>An uploaded file: stored outside the web root under a generated name; the user's file name is metadata only.</summary>
public sealed class StoredFile
{
    public Guid Id { get; init; }
    public required string OwnerType { get; init; }
    public Guid OwnerId { get; set; }
    public required string Purpose { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long Size { get; init; }
    public required string Sha256 { get; init; }
    public required string StoragePath { get; init; }
    public DateTime UploadedAt { get; init; }
    public Guid? UploadedBy { get; init; }
}

/// <summary>How a file is linked from a page or an API answer: downloads go through the permission-checked /files/{id}.</summary>
public sealed record FileLink(Guid Id, string FileName, long Size, string Url)
{
    public static FileLink Of(StoredFile f) => new(f.Id, f.FileName, f.Size, $"/files/{f.Id}");
}

/// <summary>The written limits per upload feature (SECURITY.md FI-01).</summary>
public sealed record UploadRule(string Purpose, string Label, long MaxBytes, FileKind[] Allowed)
{
    public static readonly UploadRule BusinessLicence = new("licence", "营业执照", 10 * 1024 * 1024, [FileKind.Pdf, FileKind.Jpeg, FileKind.Png]);
    public static readonly UploadRule Qualification = new("qualification", "资质证明", 10 * 1024 * 1024, [FileKind.Pdf, FileKind.Jpeg, FileKind.Png]);
}

public enum FileKind { Unknown, Pdf, Jpeg, Png }
