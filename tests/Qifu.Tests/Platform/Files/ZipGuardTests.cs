using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Modules.Enterprises;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;

namespace Qifu.Tests.Platform.Files;

/// <summary>
/// FI-03 through HTTP: a zip bomb, a macro workbook and an entry that climbs out, each renamed .xlsx, are refused with 422
/// before any parser opens them, on the enterprise import (page and API) and the article import; nothing is written.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ZipGuardTests(QifuApp app)
{
    /// <summary>A 42.zip-style bomb: one sheet part of <paramref name="megabytes"/> MB of zeros, deflated as it is written.</summary>
    private static byte[] Bomb(int megabytes)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var s = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++) s.Write(zeros);
        }
        return ms.ToArray();
    }

    /// <summary>A real import workbook with one more entry added (a macro part, a path, a link).</summary>
    private static byte[] WorkbookWith(string entryName, int? unixMode = null)
    {
        using var ms = new MemoryStream();
        ms.Write(EnterpriseImportFile.Workbook(EnterpriseImportFile.Rows(2, "430421")));
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.CreateEntry(entryName);
            if (unixMode is { } mode) entry.ExternalAttributes = mode << 16;
            using var w = new StreamWriter(entry.Open());
            w.Write("Attribute VB_Name = \"ThisWorkbook\"");
        }
        return ms.ToArray();
    }

    public static TheoryData<string, string, string> Cases => new()
    {
        { "bomb-200mb", "ZIP_BOMB", "文件：压缩内容异常，可能是压缩炸弹，已拒绝" },
        { "ratio-50mb", "ZIP_BOMB", "文件：压缩内容异常，可能是压缩炸弹，已拒绝" },
        { "macro", "MACRO_NOT_ALLOWED", "文件：含有宏（vbaProject.bin）" },
        { "traversal", "ZIP_UNSAFE_ENTRY", "文件：压缩包含有不安全的路径或链接，已拒绝" },
        { "symlink", "ZIP_UNSAFE_ENTRY", "文件：压缩包含有不安全的路径或链接，已拒绝" },
    };

    private static byte[] Make(string kind) => kind switch
    {
        "bomb-200mb" => Bomb(200),
        "ratio-50mb" => Bomb(50), // under the 100 MB total, but about 1000:1
        "macro" => WorkbookWith("xl/vbaProject.bin"),
        "traversal" => WorkbookWith("../../x"),
        "symlink" => WorkbookWith("xl/link.xml", 0xA1FF),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private string ImportsFolder => app.Scoped(sp => sp.GetRequiredService<EnterpriseImport>().ImportsFolder);

    private int StagedFiles => Directory.Exists(ImportsFolder) ? Directory.GetFiles(ImportsFolder).Length : 0;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_enterprise_import_refuses_it_with_422_and_writes_nothing(string kind, string code, string message)
    {
        var file = Make(kind);
        var enterprises = await app.WithDbAsync(db => db.Enterprises.CountAsync());
        var jobs = await app.WithDbAsync(db => db.EnterpriseImportJobs.CountAsync());
        var staged = StagedFiles;

        var api = await app.ApiAsync(Http.CityOperator);
        var response = await api.PostAsync("/api/v1/enterprises/imports", new MultipartFormDataContent { { new ByteArrayContent(file), "file", "企业.xlsx" } });
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty("file")[0].GetString());

        var page = await (await app.SignedInAsync(Http.CityOperator))
            .PostFormAsync("/review/enterprises/import?handler=Check", [], "/review/enterprises/import", ("Upload", "企业.xlsx", file));
        Assert.Equal((HttpStatusCode)422, page.StatusCode);
        Assert.Contains(message, await page.Content.ReadAsStringAsync());

        Assert.Equal(enterprises, await app.WithDbAsync(db => db.Enterprises.CountAsync()));
        Assert.Equal(jobs, await app.WithDbAsync(db => db.EnterpriseImportJobs.CountAsync()));
        Assert.Equal(staged, StagedFiles);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_article_import_refuses_it_with_422_and_writes_nothing(string kind, string code, string message)
    {
        var articles = await app.WithDbAsync(db => db.Articles.CountAsync());
        var api = await app.ApiAsync(Http.CityOperator);
        var response = await api.PostAsync("/api/v1/articles/import", new MultipartFormDataContent { { new ByteArrayContent(Make(kind)), "file", "文章.xlsx" } });
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(articles, await app.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task A_header_that_understates_the_inflated_size_is_caught_while_inflating()
    {
        // The central directory says 1 KB; the entry really inflates to 20 MB. The declared sizes are not trusted.
        var file = Bomb(20);
        var patched = (byte[])file.Clone();
        PatchUncompressedSizes(patched, "xl/worksheets/sheet1.xml", 1024);
        var api = await app.ApiAsync(Http.CityOperator);
        var response = await api.PostAsync("/api/v1/enterprises/imports", new MultipartFormDataContent { { new ByteArrayContent(patched), "file", "企业.xlsx" } });
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("ZIP_BOMB", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    /// <summary>Rewrites the uncompressed size of the named entry in its local header and its central directory record.</summary>
    private static void PatchUncompressedSizes(byte[] zip, string name, uint size)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var sig = BitConverter.ToUInt32(zip, i);
            if (sig == 0x04034b50 && BitConverter.ToUInt16(zip, i + 26) == nameBytes.Length && zip.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes))
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), size);
            if (sig == 0x02014b50 && BitConverter.ToUInt16(zip, i + 28) == nameBytes.Length && zip.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size);
        }
    }
}
