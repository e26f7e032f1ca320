using System.Globalization;
using System.Security.Claims;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Content.MatchPolicies;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Content.ImportArticles;

/// <summary>One row of the article import template (an archive brought from the old platform).</summary>
public sealed class ArticleImportRow
{
    [ExcelColumnName("类型")] public string? Kind { get; set; }
    [ExcelColumnName("栏目")] public string? Column { get; set; }
    [ExcelColumnName("标题")] public string? Title { get; set; }
    [ExcelColumnName("摘要")] public string? Summary { get; set; }
    [ExcelColumnName("正文")] public string? Body { get; set; }
    [ExcelColumnName("来源")] public string? Source { get; set; }
    [ExcelColumnName("作者")] public string? Author { get; set; }
    [ExcelColumnName("发布日期")] public string? PublishedOn { get; set; }
    [ExcelColumnName("所属站点")] public string? Region { get; set; }
    // 政策文件 only (ImportedPolicy.Columns says what each takes and its <meta> name in an HTML page).
    [ExcelColumnName("索引号")] public string? IndexNumber { get; set; }
    [ExcelColumnName("发文机关")] public string? Issuer { get; set; }
    [ExcelColumnName("发文字号")] public string? DocumentNumber { get; set; }
    [ExcelColumnName("成文日期")] public string? WrittenOn { get; set; }
    [ExcelColumnName("政策层级")] public string? Level { get; set; }
    [ExcelColumnName("政策主题")] public string? Theme { get; set; }
    [ExcelColumnName("支持方式")] public string? SupportType { get; set; }
    [ExcelColumnName("有效性")] public string? Validity { get; set; }
    [ExcelColumnName("有效期自")] public string? ValidFrom { get; set; }
    [ExcelColumnName("有效期至")] public string? ValidUntil { get; set; }
    [ExcelColumnName("废止日期")] public string? RepealedOn { get; set; }
    [ExcelColumnName("适用规模")] public string? Sizes { get; set; }
    [ExcelColumnName("适用行业")] public string? Industries { get; set; }
    [ExcelColumnName("适用区域")] public string? Regions { get; set; }
    [ExcelColumnName("资质要求")] public string? Qualifications { get; set; }
    [ExcelColumnName("其他申报条件")] public string? OtherConditions { get; set; }
    [ExcelColumnName("申报开始")] public string? ApplyFrom { get; set; }
    [ExcelColumnName("申报截止")] public string? ApplyUntil { get; set; }

    /// <summary>The template's columns, in order: the header row an upload must carry.</summary>
    public static readonly System.Reflection.PropertyInfo[] Cells = typeof(ArticleImportRow).GetProperties()
        .Where(p => p.IsDefined(typeof(ExcelColumnNameAttribute), false)).ToArray();

    public static string ColumnOf(System.Reflection.PropertyInfo cell) =>
        ((ExcelColumnNameAttribute)cell.GetCustomAttributes(typeof(ExcelColumnNameAttribute), false)[0]).ExcelColumnName;
}

/// <param name="File">For a .zip of HTML pages: the page the error is in (Row is then its number in the archive).</param>
public sealed record ArticleImportError(int Row, string Column, string Message, string? File = null);

public sealed record ArticleImportResult(int Rows, int Imported, IReadOnlyList<ArticleImportError> Errors);

/// <summary>
/// Bulk import from .xlsx, or from a .zip of the old site's HTML pages (see <see cref="HtmlArchive"/>): every row or page is
/// checked first; one bad one imports nothing (all-or-nothing), and the answer lists each error with its row (or file) and
/// column. Imported articles are published with the date they carry (an archive).
/// </summary>
public sealed class ArticleImport(AppDbContext db, AuditTrail audit, PolicyCatalogue catalogue, TimeProvider clock)
{
    public const int MaxRows = 5000;
    public const long MaxBytes = 20 * 1024 * 1024;
    public static readonly string[] Headers = ArticleImportRow.Cells.Select(ArticleImportRow.ColumnOf).ToArray();

    public static byte[] Template()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new ArticleImportRow
            {
                Kind = "工作动态", Column = "工作动态", Title = "市中小企业服务中心开展服务机构走访", Summary = "", Body = "正文可为纯文本或简单的 HTML。",
                Source = "市中小企业服务中心", Author = "综合科", PublishedOn = "2025-03-18", Region = "衡阳市",
            },
            new ArticleImportRow
            {
                Kind = "政策文件", Column = "政策文件", Title = "衡阳市支持专精特新中小企业高质量发展若干措施", Body = "为加快培育专精特新中小企业，制定如下措施。",
                Source = "衡阳市工业和信息化局", PublishedOn = "2025-04-02", Region = "衡阳市", IndexNumber = "430400-2025-00031", Issuer = "衡阳市工业和信息化局",
                DocumentNumber = "衡工信发〔2025〕9号", WrittenOn = "2025-03-28", Level = "市级", Theme = "创新支持", SupportType = "资金支持类", Validity = "现行有效",
                ValidFrom = "2025-04-02", ValidUntil = "2027-12-31", Sizes = "中型、小型、微型", Industries = "制造业", Regions = "衡阳市",
                Qualifications = "专精特新中小企业", OtherConditions = "上年度研发投入占营业收入比重不低于3%", ApplyFrom = "2025-04-10", ApplyUntil = "2025-06-30",
            },
        });
        return stream.ToArray();
    }

    public async Task<ArticleImportResult> ImportAsync(ClaimsPrincipal user, IFormFile? upload)
    {
        if (upload is null || upload.Length == 0)
            throw new RuleViolationException("FILE_EMPTY", "请选择要导入的 Excel 文件", "file", 400);
        if (upload.Length > MaxBytes)
            throw new RuleViolationException("FILE_TOO_LARGE", "导入文件不能超过20MB", "file", 413);
        List<ArticleImportRow> rows;
        IReadOnlyList<string>? files = null;
        await using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer);
        ZipGuard.Check(buffer, "file"); // FI-03: before either parser opens it (a workbook or a .zip of pages)
        if (HtmlArchive.IsHtmlArchive(buffer))
        {
            (rows, files) = HtmlArchive.Read(buffer);
            if (rows.Count == 0)
                throw new RuleViolationException("IMPORT_EMPTY", "压缩包中没有 .html 文件", "file", 422);
        }
        else try
        {
            buffer.Position = 0;
            var header = (buffer.Query(useHeaderRow: false).FirstOrDefault() as IDictionary<string, object?>)?
                .Values.Select(v => v?.ToString()?.Trim() ?? "").Where(v => v.Length > 0).ToArray() ?? [];
            if (!Headers.SequenceEqual(header))
                throw new RuleViolationException("IMPORT_TEMPLATE_MISMATCH", "模板不匹配，请下载最新的文章导入模板", "file", 422);
            buffer.Position = 0;
            rows = buffer.Query<ArticleImportRow>().ToList();
        }
        catch (Exception ex) when (ex is not RuleViolationException)
        {
            throw new RuleViolationException("IMPORT_UNREADABLE", "无法读取该文件，请使用平台提供的 .xlsx 模板", "file", 422);
        }
        if (rows.Count > MaxRows)
            throw new RuleViolationException("IMPORT_TOO_MANY", $"一次最多导入{MaxRows}行", "file", 413);

        var scope = DataScope.Of(user);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = HengyangCalendar.DayOf(now);
        var tags = await TagCodesAsync();
        var errors = new List<ArticleImportError>();
        var articles = new List<Article>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var row = files is null ? i + 2 : i + 1;
            var before = errors.Count;
            // A page names the <meta> tag the column comes from, so the error says what to add to it.
            void Error(string column, string message) => errors.Add(new(row, column,
                files is not null && HtmlArchive.MetaOf(column) is { } meta ? $"{message}（网页中取自 <meta name=\"{meta}\" content=\"…\">）" : message, files?[i]));

            var kind = ArticleKinds.All.Cast<ArticleKind?>().FirstOrDefault(k => ArticleKinds.Label(k!.Value) == r.Kind?.Trim());
            if (kind is null) Error("类型", "请填写工作动态、通知公告、政策文件、政策解读或典型案例");
            var column = string.IsNullOrWhiteSpace(r.Column) ? (kind is { } dk ? ArticleColumns.Find(ArticleColumns.DefaultOf(dk)) : null)
                : ArticleColumns.All.FirstOrDefault(c => c.Name == r.Column.Trim() || c.Code == r.Column.Trim());
            if (kind is not null && (column is null || column.Kind != kind)) Error("栏目", $"栏目与类型“{r.Kind}”不符");
            var title = r.Title?.Trim() ?? "";
            if (title.Length == 0) Error("标题", "请填写标题");
            else if (title.Length > 100) Error("标题", "标题不能超过100字");
            var body = RichText.Sanitize(r.Body);
            if (RichText.ToPlainText(body).Length < 10) Error("正文", "正文至少需要10个字");
            if ((r.Summary?.Trim().Length ?? 0) > 300) Error("摘要", "摘要不能超过300字");
            if ((r.Source?.Trim().Length ?? 0) > 50) Error("来源", "来源不能超过50字");
            if ((r.Author?.Trim().Length ?? 0) > 50) Error("作者", "作者不能超过50字");
            DateTime? published = null;
            if (DateTime.TryParse(r.PublishedOn?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) published = DateTime.SpecifyKind(d.AddHours(-8), DateTimeKind.Utc);
            else if (double.TryParse(r.PublishedOn, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 100000)
                published = DateTime.SpecifyKind(DateTime.FromOADate(serial).AddHours(-8), DateTimeKind.Utc);
            if (published is null) Error("发布日期", "请填写日期，如 2025-03-18");
            else if (published > now) Error("发布日期", "导入的文章发布日期不能晚于今天");
            var region = string.IsNullOrWhiteSpace(r.Region) ? (scope.All ? RegionCodes.City : scope.RegionCode)
                : RegionCodes.Hengyang.FirstOrDefault(x => x.Name == r.Region.Trim() || x.Code == r.Region.Trim())?.Code;
            if (region is null) Error("所属站点", "请填写衡阳市或所辖县（市、区）的名称");
            else if (!scope.Covers(region)) Error("所属站点", "超出您的数据范围，只能导入本区县的文章");
            var policy = kind == ArticleKind.Policy
                ? ImportedPolicy.Read(r, published is { } p ? DateOnly.FromDateTime(p.AddHours(8)) : null, today, tags, Error) : null;
            if (errors.Count > before) continue;
            var article = new Article
            {
                Id = Guid.NewGuid(), RegionCode = region!, CreatedAt = now, CreatedBy = CurrentUser.Id(user), Kind = kind!.Value, Column = column!.Code,
                Title = title, Summary = string.IsNullOrWhiteSpace(r.Summary) ? Shorten(RichText.ToPlainText(body)) : r.Summary.Trim(), Body = body,
                Source = r.Source?.Trim() ?? "", Author = r.Author?.Trim() ?? "", Policy = policy,
            };
            article.Publish(published, now);
            article.MarkAnnounced(now);
            articles.Add(article);
        }
        if (errors.Count > 0) return new ArticleImportResult(rows.Count, 0, errors);
        if (articles.Count == 0)
            throw new RuleViolationException("IMPORT_EMPTY", "文件中没有可导入的数据行", "file", 422);
        db.Articles.AddRange(articles);
        foreach (var a in articles) SearchLog.Changed(db, ArticleKinds.SearchKind(a.Kind), a.Id, now);
        audit.Record("导入", ContentModule.AuditEntityType, null, scope.RegionCode, comment: $"导入文章 {articles.Count} 篇");
        await db.SaveChangesAsync();
        catalogue.Invalidate();
        return new ArticleImportResult(rows.Count, articles.Count, []);
    }

    /// <summary>Enterprise tags by name and by code (资质要求 takes either).</summary>
    private async Task<Dictionary<string, string>> TagCodesAsync()
    {
        var tags = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.DictionaryItems.Where(d => d.Kind == Platform.Dictionaries.DictionaryKinds.EnterpriseTag).Select(d => new { d.Code, d.Name }));
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tags) { byName.TryAdd(t.Name, t.Code); byName.TryAdd(t.Code, t.Code); }
        return byName;
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..120] + "…";
}

/// <summary>
/// A .zip of the old site's pages, one article per .html file: the folder a page sits in names its column or kind
/// (通知公告/2024/notice.html), or a &lt;meta name="ColumnName"&gt; does; the title comes from &lt;meta name="ArticleTitle"&gt;,
/// &lt;h1&gt; or &lt;title&gt;; the date from &lt;meta name="PubDate"&gt; (or "publishdate", or a &lt;time datetime&gt;); the source
/// from &lt;meta name="ContentSource"&gt;; the body from the element with id or class "content" or "article", else &lt;body&gt;
/// without its &lt;h1&gt;. A 政策文件 page carries its metadata and applicability in the &lt;meta&gt; tags of
/// <see cref="ImportedPolicy.Columns"/> (Issuer, PolicyLevel, PolicyTheme are required). Pages land in the importing
/// operator's site. Each page becomes a template row and is checked like one.
/// </summary>
public static class HtmlArchive
{
    public const int MaxPageBytes = 2 * 1024 * 1024;

    /// <summary>The &lt;meta name&gt; a template column is read from in a page, if it has one.</summary>
    public static string? MetaOf(string column) =>
        column switch { "栏目" => "ColumnName", "发布日期" => "PubDate", "来源" => "ContentSource", "作者" => "Author", _ => null }
        ?? ImportedPolicy.Columns.FirstOrDefault(c => c.Column == column).Meta;

    /// <summary>A zip without the parts of a workbook, holding at least one .html file.</summary>
    public static bool IsHtmlArchive(Stream stream)
    {
        stream.Position = 0;
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("[Content_Types].xml") is null && zip.Entries.Any(IsPage);
        }
        catch (InvalidDataException) { return false; }
        finally { stream.Position = 0; }
    }

    private static bool IsPage(System.IO.Compression.ZipArchiveEntry e) =>
        e.FullName.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);

    public static (List<ArticleImportRow> Rows, List<string> Files) Read(Stream stream)
    {
        var rows = new List<ArticleImportRow>();
        var files = new List<string>();
        using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        foreach (var entry in zip.Entries.Where(IsPage).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            if (rows.Count >= ArticleImport.MaxRows)
                throw new RuleViolationException("IMPORT_TOO_MANY", $"一次最多导入{ArticleImport.MaxRows}篇", "file", 413);
            if (entry.Length > MaxPageBytes)
                throw new RuleViolationException("IMPORT_PAGE_TOO_LARGE", $"{entry.FullName} 超过2MB", "file", 413);
            using var reader = new StreamReader(entry.Open(), System.Text.Encoding.UTF8);
            var doc = parser.ParseDocument(reader.ReadToEnd());
            string? Meta(params string[] names) => names.Select(n => doc.QuerySelector($"meta[name='{n}' i]")?.GetAttribute("content")?.Trim())
                .FirstOrDefault(v => !string.IsNullOrEmpty(v));
            // The nearest folder named after a column or kind (通知公告/2024/05/a.html); else the nearest folder, so the error names it.
            var folders = entry.FullName.Split('/')[..^1].Reverse().ToList();
            var folder = folders.FirstOrDefault(f => ArticleKinds.All.Any(k => ArticleKinds.Label(k) == f) || ArticleColumns.All.Any(c => c.Name == f))
                ?? folders.FirstOrDefault();
            var column = Meta("ColumnName") ?? folder;
            var kind = ArticleKinds.All.Select(ArticleKinds.Label).FirstOrDefault(k => k == column);
            if (kind is null && ArticleColumns.All.FirstOrDefault(c => c.Name == column) is { } named) kind = ArticleKinds.Label(named.Kind);
            var content = doc.QuerySelector("#content, .content, article, #article, .article") ?? doc.Body;
            var heading = doc.QuerySelector("h1");
            if (content == doc.Body) heading?.Remove();
            rows.Add(new ArticleImportRow
            {
                Kind = kind ?? column,
                Column = column == kind ? null : column,
                Title = Meta("ArticleTitle") ?? heading?.TextContent.Trim() ?? doc.Title?.Trim(),
                Body = content?.InnerHtml,
                Source = Meta("ContentSource"),
                Author = Meta("Author"),
                PublishedOn = Meta("PubDate", "publishdate") ?? doc.QuerySelector("time[datetime]")?.GetAttribute("datetime"),
            });
            var row = rows[^1];
            foreach (var cell in ArticleImportRow.Cells)
                if (ImportedPolicy.Columns.FirstOrDefault(c => c.Column == ArticleImportRow.ColumnOf(cell)).Meta is { } meta)
                    cell.SetValue(row, Meta(meta));
            files.Add(entry.FullName);
        }
        return (rows, files);
    }
}
