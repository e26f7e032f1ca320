using System.IO.Compression;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Platform.Files;

/// <summary>
/// FI-03: an Office Open XML file (.xlsx, .docx) or OFD is a ZIP, and is checked as one before any parser opens it:
/// at most <see cref="MaxEntries"/> entries and <see cref="MaxTotalBytes"/> uncompressed, a compression ratio of at most
/// <see cref="MaxRatio"/> per entry and overall, no macro part (<c>vbaProject.bin</c>), no symbolic links (the unix mode
/// in the external attributes) and no entry path that climbs out (<c>../</c>, absolute, drive letters). The sizes the
/// archive declares are not trusted: every entry is inflated once into nothing, counting, and the check stops as soon as
/// a limit is passed, so a bomb costs at most the limit in CPU and nothing in memory or disk. Entry paths are never used as
/// file paths anywhere in the platform (files are stored under generated names, see <see cref="FileStore"/>).
/// Content that is not a ZIP at all is left to the caller's parser (which refuses it in its own words).
/// </summary>
public static class ZipGuard
{
    public const long MaxTotalBytes = 100L * 1024 * 1024;
    public const int MaxEntries = 1000;
    public const double MaxRatio = 100;
    /// <summary>Below this size an entry's ratio means nothing (a few header bytes of a tiny part can read as 300:1).</summary>
    private const long RatioFloorBytes = 64 * 1024;

    /// <summary>Checks the archive in <paramref name="stream"/> (seekable; left at position 0). Throws 422 naming
    /// <paramref name="field"/> (<paramref name="label"/> is the field's zh-CN name, e.g. "文件").</summary>
    public static void Check(Stream stream, string field, string label = "文件")
    {
        stream.Position = 0;
        try
        {
            ZipArchive zip;
            try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
            catch (InvalidDataException) when (!LooksLikeZip(stream)) { return; } // not a ZIP: the parser refuses it
            using (zip)
            {
                if (zip.Entries.Count > MaxEntries) throw Bomb(field, label);
                long declared = 0, compressed = 0;
                foreach (var e in zip.Entries)
                {
                    if (IsUnsafePath(e.FullName) || IsSymlink(e))
                        throw new RuleViolationException("ZIP_UNSAFE_ENTRY", $"{label}：压缩包含有不安全的路径或链接，已拒绝", field, 422);
                    if (IsMacro(e.FullName))
                        throw new RuleViolationException("MACRO_NOT_ALLOWED", $"{label}：含有宏（vbaProject.bin），请另存为不含宏的普通文件（.xlsx/.docx）后上传", field, 422);
                    declared += e.Length;
                    compressed += e.CompressedLength;
                    if (declared > MaxTotalBytes || TooDense(e.Length, e.CompressedLength)) throw Bomb(field, label);
                    // Deflate never grows data by more than a few bytes per block: a part far larger compressed than it says it
                    // inflates to has a doctored size (System.IO.Compression stops at the declared size, so it would be cut short).
                    if (e.CompressedLength > e.Length + e.Length / 100 + 1024) throw Bomb(field, label);
                }
                if (TooDense(declared, compressed)) throw Bomb(field, label);

                // What the entries really inflate to (a crafted header can understate it).
                var buffer = new byte[81920];
                long total = 0;
                foreach (var e in zip.Entries)
                {
                    long actual = 0;
                    using var s = e.Open();
                    int n;
                    while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        actual += n;
                        total += n;
                        if (total > MaxTotalBytes || actual > Math.Max(e.Length, 0) || TooDense(actual, e.CompressedLength)) throw Bomb(field, label);
                    }
                }
                if (TooDense(total, compressed)) throw Bomb(field, label);
            }
        }
        catch (InvalidDataException)
        {
            // A damaged or lying archive (bad CRC, truncated deflate stream) is refused like a bomb: it is not a file Office wrote.
            throw Bomb(field, label);
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>The same check for a file on disk (a staged upload).</summary>
    public static void Check(string path, string field, string label = "文件")
    {
        using var fs = File.OpenRead(path);
        Check(fs, field, label);
    }

    /// <summary>Starts with a ZIP signature: one that then does not open is a damaged or crafted archive, refused here.</summary>
    private static bool LooksLikeZip(Stream stream)
    {
        stream.Position = 0;
        Span<byte> head = stackalloc byte[4];
        var n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        return n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] is 3 or 5 or 7;
    }

    private static RuleViolationException Bomb(string field, string label) =>
        new("ZIP_BOMB", $"{label}：压缩内容异常，可能是压缩炸弹，已拒绝", field, 422);

    private static bool TooDense(long uncompressed, long compressed) =>
        uncompressed > RatioFloorBytes && uncompressed > MaxRatio * Math.Max(compressed, 1);

    private static bool IsMacro(string name) =>
        name.Replace('\\', '/').Split('/')[^1].Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase);

    /// <summary>A symbolic link: the unix file type in the high 16 bits of the external attributes is S_IFLNK.</summary>
    private static bool IsSymlink(ZipArchiveEntry e) => ((e.ExternalAttributes >> 16) & 0xF000) == 0xA000;

    private static bool IsUnsafePath(string name)
    {
        if (name.Length == 0 || name.Contains('\0') || name.Contains(':')) return true;
        var n = name.Replace('\\', '/');
        if (n.StartsWith('/')) return true;
        return n.Split('/').Any(part => part == "..");
    }
}
