using System.Security.Cryptography;
using System.Text;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Platform.Files;

/// <summary>
/// Checks an upload by its content (not its extension), stores it under a generated name in the
/// configured folder (shared storage when several web nodes run), and opens it again for download.
/// </summary>
public sealed class FileStore(IConfiguration config, IHostEnvironment env, TimeProvider clock)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(env.ContentRootPath,
        config["Qifu:FilesPath"] ?? Path.Combine(config["Qifu:DataPath"] ?? "data", "files")));

    /// <summary>Reads, checks and writes the file. The caller adds the returned row to its unit of work;
    /// if saving fails it must call <see cref="Discard"/> so no orphan file stays behind.</summary>
    public async Task<StoredFile> SaveAsync(IFormFile upload, UploadRule rule, string ownerType, Guid ownerId, Guid? uploadedBy,
        string field, CancellationToken ct)
    {
        if (upload.Length == 0)
            throw new RuleViolationException("FILE_EMPTY", $"{rule.Label}文件为空，请重新选择", field, 400);
        if (upload.Length > rule.MaxBytes)
            throw new RuleViolationException("FILE_TOO_LARGE", $"{rule.Label}文件不能超过{rule.MaxBytes / 1024 / 1024}MB", field, 413);

        await using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var kind = Sniff(bytes);
        if (kind == FileKind.Unknown || !rule.Allowed.Contains(kind))
            throw new RuleViolationException("FILE_TYPE_MISMATCH",
                $"{rule.Label}文件内容与扩展名不符，仅支持 {string.Join("、", rule.Allowed.Select(k => k.ToString().ToUpperInvariant()))}", field, 415);
        if (kind == FileKind.Pdf && HasActiveContent(bytes))
            throw new RuleViolationException("PDF_ACTIVE_CONTENT", $"{rule.Label}PDF含有脚本或嵌入文件，请另存为普通PDF后上传", field, 422);

        var id = Guid.NewGuid();
        var now = clock.GetUtcNow().UtcDateTime;
        var relative = Path.Combine(now.ToString("yyyy"), now.ToString("MM"), id.ToString("N"));
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes, ct);

        return new StoredFile
        {
            Id = id,
            OwnerType = ownerType,
            OwnerId = ownerId,
            Purpose = rule.Purpose,
            FileName = CleanName(upload.FileName, kind),
            ContentType = ContentTypeOf(kind),
            Size = bytes.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            StoragePath = relative,
            UploadedAt = now,
            UploadedBy = uploadedBy,
        };
    }

    /// <summary>
    /// Checks and writes up to <paramref name="maxCount"/> files for one form field, all or none: if one is refused, those
    /// already written are removed. An empty file input (one nameless, empty part) counts as no file.
    /// </summary>
    public async Task<List<StoredFile>> SaveAllAsync(IReadOnlyList<IFormFile>? uploads, UploadRule rule, int maxCount, string ownerType, Guid ownerId,
        Guid? uploadedBy, string field)
    {
        var real = (uploads ?? []).Where(f => !(f.Length == 0 && string.IsNullOrEmpty(f.FileName))).ToList();
        if (real.Count > maxCount)
            throw new RuleViolationException("TOO_MANY_FILES", $"{rule.Label}最多上传{maxCount}个文件", field, 400);
        var saved = new List<StoredFile>();
        try
        {
            foreach (var upload in real)
                saved.Add(await SaveAsync(upload, rule, ownerType, ownerId, uploadedBy, field, CancellationToken.None));
        }
        catch
        {
            Discard(saved);
            throw;
        }
        return saved;
    }

    public void Discard(IEnumerable<StoredFile> files)
    {
        foreach (var f in files)
        {
            var full = Path.Combine(Root, f.StoragePath);
            if (File.Exists(full)) File.Delete(full);
        }
    }

    public Stream? Open(StoredFile file)
    {
        var full = Path.GetFullPath(Path.Combine(Root, file.StoragePath));
        return full.StartsWith(Root, StringComparison.Ordinal) && File.Exists(full) ? File.OpenRead(full) : null;
    }

    public bool IsReachable()
    {
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, ".ready-" + Environment.ProcessId);
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    public static FileKind Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 5 && b[..5].SequenceEqual("%PDF-"u8)) return FileKind.Pdf;
        if (b.Length >= 8 && b[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return FileKind.Png;
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return FileKind.Jpeg;
        return FileKind.Unknown;
    }

    private static bool HasActiveContent(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        return text.Contains("/JavaScript", StringComparison.Ordinal) || text.Contains("/Launch", StringComparison.Ordinal)
            || text.Contains("/EmbeddedFile", StringComparison.Ordinal);
    }

    private static string ContentTypeOf(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        _ => "application/octet-stream",
    };

    /// <summary>Keeps a readable name: drops folders, control and bidi characters, and fixes the extension to the real type.</summary>
    public static string CleanName(string? name, FileKind kind)
    {
        var baseName = Path.GetFileNameWithoutExtension((name ?? "").Replace('\\', '/').Split('/').Last());
        var kept = new string(baseName.Where(c => !char.IsControl(c) && c is not ('\u202E' or '\u202D' or '\u200E' or '\u200F')
            && !Path.GetInvalidFileNameChars().Contains(c) && c is not ('"' or ';')).ToArray()).Trim(' ', '.');
        if (kept.Length == 0) kept = "文件";
        if (kept.Length > 100) kept = kept[..100];
        var ext = kind switch { FileKind.Pdf => ".pdf", FileKind.Png => ".png", FileKind.Jpeg => ".jpg", _ => "" };
        return kept + ext;
    }
}
