using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.RegisterEnterprise;
using Qifu.Web.Modules.Indicators;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Enterprises.ImportEnterprises;

public sealed class EnterpriseImportRow
{
    [ExcelColumnName("企业名称")] public string? Name { get; set; }
    [ExcelColumnName("统一社会信用代码")] public string? CreditCode { get; set; }
    [ExcelColumnName("法定代表人")] public string? LegalRepresentative { get; set; }
    [ExcelColumnName("经营所在区县")] public string? Region { get; set; }
    [ExcelColumnName("行业大类代码")] public string? IndustryDivision { get; set; }
    [ExcelColumnName("从业人员")] public string? Employees { get; set; }
    [ExcelColumnName("营业收入（万元）")] public string? RevenueWan { get; set; }
    [ExcelColumnName("资产总额（万元）")] public string? AssetsWan { get; set; }
    [ExcelColumnName("联系人")] public string? ContactName { get; set; }
    [ExcelColumnName("联系电话")] public string? ContactPhone { get; set; }
}

public sealed record ImportError(int Row, string Column, string? Value, string Message);

/// <param name="Existing">Rows whose credit code is registered already (IN-07: 已存在): skipped, not errors, so importing the same
/// file again creates nothing.</param>
public sealed record ImportCheck(int Rows, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> Preview, int Existing)
{
    /// <summary>Rows that will be written (when there are no errors).</summary>
    public int New => Rows - Existing;

    /// <summary>"N 条新增，M 条已存在", as the page, the API and the job say it.</summary>
    public static string Outcome(int added, int existing) => $"{added} 条新增，{existing} 条已存在";
}

/// <summary>
/// 批量导入: every row is checked first and errors are reported row by row; nothing is written until the operator
/// confirms, and then all rows are written in one transaction, or none. Imported enterprises count as reviewed.
/// Built for 100,000 rows (decision 0019): rows are read as a stream, checked in one pass with one set-based lookup of
/// the credit codes already registered, and written in bulk (<see cref="BulkWriter"/>) with the audit entry in
/// the same transaction.
/// </summary>
public sealed class EnterpriseImport(AppDbContext db, AuditTrail audit, TimeProvider clock, Microsoft.Extensions.Configuration.IConfiguration config, IHostEnvironment env)
{
    public const int MaxRows = 100_000;
    public const long MaxBytes = 20 * 1024 * 1024;
    private static readonly string[] Headers = ["企业名称", "统一社会信用代码", "法定代表人", "经营所在区县", "行业大类代码", "从业人员", "营业收入（万元）", "资产总额（万元）", "联系人", "联系电话"];

    private string Folder => Path.GetFullPath(Path.Combine(env.ContentRootPath, config["Qifu:DataPath"] ?? "data", "imports"));

    public static byte[] Template()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new EnterpriseImportRow
            {
                Name = "衡阳示例机械有限公司", CreditCode = "91430405MA4Q7R2TXC", LegalRepresentative = "王某", Region = "珠晖区",
                IndustryDivision = "34", Employees = "56", RevenueWan = "1800", AssetsWan = "2600", ContactName = "李某", ContactPhone = "13800000000",
            },
        });
        return stream.ToArray();
    }

    /// <summary>Stores the upload privately under a generated name and checks the archive (FI-03); the caller owns the file.</summary>
    public async Task<(Guid Token, string Path)> SaveUploadAsync(IFormFile? upload, string field = "upload")
    {
        if (upload is null || upload.Length == 0)
            throw new RuleViolationException("FILE_EMPTY", "请选择要导入的 Excel 文件", field, 400);
        if (upload.Length > MaxBytes)
            throw new RuleViolationException("FILE_TOO_LARGE", $"导入文件不能超过{MaxBytes / 1024 / 1024}MB", field, 413);
        var token = Guid.NewGuid();
        Directory.CreateDirectory(Folder);
        var path = PathOf(token);
        await using (var fs = File.Create(path)) await upload.CopyToAsync(fs);
        try
        {
            ZipGuard.Check(path, field);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return (token, path);
    }

    /// <summary>The imports area of the data folder (outside the web root); staged uploads and job files are named by GUID.</summary>
    public string PathOf(Guid token) => Path.Combine(Folder, token.ToString("N") + ".xlsx");

    public string ImportsFolder => Folder;

    /// <summary>Stores the upload privately and checks it; returns the token to confirm with.</summary>
    public async Task<(Guid Token, ImportCheck Check)> StageAsync(IFormFile? upload, ClaimsPrincipal user)
    {
        var (token, path) = await SaveUploadAsync(upload);
        return (token, await CheckStagedAsync(path, user));
    }

    /// <summary>Checks a staged file for the page's preview; a file with errors is deleted (it cannot be confirmed).</summary>
    public async Task<ImportCheck> CheckStagedAsync(string path, ClaimsPrincipal user)
    {
        try
        {
            var check = await CheckAsync(path, DataScope.Of(user));
            if (check.Check.Errors.Count > 0) File.Delete(path);
            return check.Check;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Writes a staged file that passed; returns what it added and what was registered already.</summary>
    public async Task<(int Added, int Existing)> ConfirmAsync(Guid token, ClaimsPrincipal user)
    {
        var path = PathOf(token);
        if (!File.Exists(path))
            throw new RuleViolationException("IMPORT_EXPIRED", "导入文件已失效，请重新上传", "upload", 410);
        // Checked again: the database may have changed since the preview, and the staged file is what gets written.
        var (check, enterprises) = await CheckAsync(path, DataScope.Of(user));
        if (check.Errors.Count > 0)
            throw new RuleViolationException("IMPORT_INVALID", "导入数据校验未通过，请重新上传", "upload", 422);
        if (enterprises.Count > 0) await WriteAsync(enterprises, DataScope.Of(user).RegionCode);
        File.Delete(path);
        return (enterprises.Count, check.Existing);
    }

    /// <summary>
    /// Writes the checked enterprises and the one 导入 audit entry in one transaction; <paramref name="alsoInTransaction"/>
    /// adds more to the same unit of work (a job marking itself done), so the rows and that change commit together or not at all.
    /// </summary>
    public async Task WriteAsync(List<Enterprise> enterprises, string? region, Func<Task>? alsoInTransaction = null, string? actorName = null)
    {
        try
        {
            await db.InTransactionAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using (var writer = BulkWriter.Within(db)) await writer.WriteAsync(enterprises);
                audit.Record("导入", "企业", null, region, comment: $"导入企业 {enterprises.Count} 条", actorName: actorName);
                if (alsoInTransaction is not null) await alsoInTransaction();
                IndicatorChanges.Note(db, clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync();
                return true;
            });
        }
        catch (Exception ex) when (BulkWriter.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new RuleViolationException("IMPORT_CONFLICT", "导入期间有企业以相同的统一社会信用代码完成了注册，未写入任何数据，请重新上传校验", "upload", 409);
        }
    }

    /// <summary>Rows in the first sheet as the workbook declares them (its &lt;dimension ref="A1:J5001"/&gt;, minus the header),
    /// read without parsing the sheet; null when the workbook does not say (the caller then goes by file size).</summary>
    public static int? DeclaredRows(string path)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")
                ?? zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                    .OrderBy(e => e.FullName, StringComparer.Ordinal).FirstOrDefault();
            if (sheet is null) return null;
            using var reader = new StreamReader(sheet.Open());
            var buffer = new char[4096];
            var head = new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length));
            var m = System.Text.RegularExpressions.Regex.Match(head, "<(?:\\w+:)?dimension\\s+ref=\"[A-Z]+\\d+:[A-Z]+(\\d+)\"");
            return m.Success && int.TryParse(m.Groups[1].Value, out var last) ? Math.Max(last - 1, 0) : null;
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>What one row amounts to after the checks that need no database.</summary>
    private sealed class RowResult
    {
        public required int RowNo { get; init; }
        public required EnterpriseImportRow Row { get; init; }
        /// <summary>An error found before the credit code's uniqueness is looked at (number, shape, scope, code format).</summary>
        public ImportError? Early { get; init; }
        /// <summary>An error found after it (region, industry, phone): reported only when the code is not taken.</summary>
        public ImportError? Late { get; init; }
        public RegisterEnterpriseHandler.CheckedProfile? Profile { get; init; }
        public string? Code { get; init; }
    }

    public async Task<(ImportCheck Check, List<Enterprise> Enterprises)> CheckAsync(string path, DataScope scope)
    {
        var results = new List<RowResult>();
        try
        {
            var header = (MiniExcel.Query(path, useHeaderRow: false, configuration: Reading).FirstOrDefault() as IDictionary<string, object?>)?
                .Values.Select(v => v?.ToString()?.Trim() ?? "").Where(v => v.Length > 0).ToArray() ?? [];
            if (!Headers.SequenceEqual(header))
                throw new RuleViolationException("IMPORT_TEMPLATE_MISMATCH", "模板不匹配，请下载最新模板", "upload", 422);
            // Streamed: each row is checked as it is read, and reading stops as soon as the file has too many rows.
            var i = 0;
            foreach (var row in MiniExcel.Query<EnterpriseImportRow>(path, configuration: Reading))
            {
                if (++i > MaxRows)
                    throw new RuleViolationException("IMPORT_TOO_MANY", $"一次最多导入{MaxRows}行", "upload", 413);
                results.Add(CheckRow(row, i + 1, scope)); // row 1 is the header
            }
        }
        catch (Exception ex) when (ex is not RuleViolationException)
        {
            throw new RuleViolationException("IMPORT_UNREADABLE", "无法读取该文件，请使用平台提供的 .xlsx 模板", "upload", 422);
        }

        var taken = await TakenAsync(results.Where(r => r.Early is null && r.Code is not null).Select(r => r.Code!).Distinct().ToList());
        var errors = new List<ImportError>();
        var enterprises = new List<Enterprise>();
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new Dictionary<string, int>();
        var existing = 0;
        foreach (var r in results)
        {
            if (r.Early is { } early) { errors.Add(early); continue; }
            if (taken.Contains(r.Code!)) { existing++; continue; }
            if (r.Late is { } late) { errors.Add(late); continue; }
            var profile = r.Profile!;
            if (seen.TryGetValue(profile.CreditCode, out var firstRow))
            {
                errors.Add(new(r.RowNo, "统一社会信用代码", profile.CreditCode, $"与第{firstRow}行重复"));
                errors.Add(new(firstRow, "统一社会信用代码", profile.CreditCode, $"与第{r.RowNo}行重复"));
                continue;
            }
            seen[profile.CreditCode] = r.RowNo;
            if (errors.Count > 0) continue; // nothing will be written: no need to build the rest
            var e = RegisterEnterpriseHandler.NewEnterprise(profile, now);
            e.ApproveOnImport(now);
            enterprises.Add(e);
        }
        if (errors.Count > 0) enterprises.Clear();
        var preview = enterprises.Take(10).Select(e => $"{e.Name}（{e.CreditCode}，{RegionCodes.NameOf(e.RegionCode)}，{SizeClasses.Label(e.SizeClass)}）").ToList();
        return (new ImportCheck(results.Count, errors.OrderBy(e => e.Row).ToList(), preview, existing), enterprises);
    }

    /// <summary>The rules of <see cref="RegisterEnterpriseHandler.CheckProfileAsync"/> that need no database, in the same order and
    /// with the same messages (change both together); the credit code's uniqueness is looked up for all rows at once.</summary>
    private static RowResult CheckRow(EnterpriseImportRow r, int rowNo, DataScope scope)
    {
        var regionCode = RegionByNameOrCode.TryGetValue(r.Region?.Trim() ?? "", out var code) ? code : "";
        if (!TryNumber(r.Employees, out var employees)) return Early(new(rowNo, "从业人员", r.Employees, "请填写整数"));
        if (!TryDecimal(r.RevenueWan, out var revenue)) return Early(new(rowNo, "营业收入（万元）", r.RevenueWan, "请填写数字（不要使用公式）"));
        if (!TryDecimal(r.AssetsWan, out var assets)) return Early(new(rowNo, "资产总额（万元）", r.AssetsWan, "请填写数字（不要使用公式）"));
        var input = new EnterpriseProfileInput
        {
            Name = r.Name?.Trim() ?? "", CreditCode = r.CreditCode ?? "", LegalRepresentative = r.LegalRepresentative?.Trim() ?? "",
            RegionCode = regionCode, IndustryDivision = r.IndustryDivision?.Trim().PadLeft(2, '0') ?? "", Employees = employees,
            RevenueWan = revenue, AssetsWan = assets, ContactName = r.ContactName?.Trim() ?? "", ContactPhone = r.ContactPhone ?? "",
        };
        var shape = PlainlyValid(input) ? [] : Validation.Errors(input);
        if (shape.Count > 0)
        {
            var (field, messages) = shape.First();
            return Early(new(rowNo, ColumnOf(field), null, messages[0]));
        }
        if (regionCode.Length > 0 && !scope.Covers(regionCode))
            return Early(new(rowNo, "经营所在区县", r.Region, "超出您的数据范围，只能导入本区县企业"));

        var creditCode = CreditCode.Check(input.CreditCode);
        if (!creditCode.IsValid) return Early(new(rowNo, "统一社会信用代码", r.CreditCode, creditCode.Error!));
        RowResult Late(ImportError error) => new() { RowNo = rowNo, Row = r, Code = creditCode.Normalized, Late = error };
        if (!RegionCodes.Exists(input.RegionCode)) return Late(new(rowNo, "经营所在区县", r.Region, "请选择经营所在区县"));
        var division = Industries.FindDivision(input.IndustryDivision);
        if (division is null) return Late(new(rowNo, "行业大类代码", r.IndustryDivision, "所属行业不在国民经济行业分类（GB/T 4754-2017）中"));
        var contactPhone = PhoneNumber.Normalize(input.ContactPhone);
        if (!PhoneNumber.IsContactNumber(contactPhone)) return Late(new(rowNo, "联系电话", r.ContactPhone, "联系电话应为11位手机号或带区号的固定电话"));
        // Imported rows carry no enterprise tags, so the tag dictionary lookup of registration has nothing to check.
        var size = SizeClassifier.Classify(division.Code, null, input.Employees, input.RevenueWan, input.AssetsWan);
        return new RowResult
        {
            RowNo = rowNo, Row = r, Code = creditCode.Normalized,
            Profile = new RegisterEnterpriseHandler.CheckedProfile(creditCode.Normalized, creditCode.Warning, input, division, size, contactPhone),
        };

        RowResult Early(ImportError error) => new() { RowNo = rowNo, Row = r, Early = error };
    }

    /// <summary>
    /// Shared strings kept in memory: above 5 MB of them (a 100,000-row file made by Excel or WPS has more) MiniExcel would
    /// otherwise page them through a disk cache, one lookup at a time. The upload limit bounds their size.
    /// </summary>
    private static readonly MiniExcelLibs.OpenXml.OpenXmlConfiguration Reading = new() { EnableSharedStringCache = false };

    /// <summary>
    /// True when every DataAnnotations rule on <see cref="EnterpriseProfileInput"/> plainly holds (the common case), so the
    /// reflective validator runs only for rows that break one, and gives the same message as registration does.
    /// </summary>
    private static bool PlainlyValid(EnterpriseProfileInput i) =>
        Filled(i.CreditCode) && Filled(i.Name) && i.Name.Length is >= 2 and <= 100 && Filled(i.LegalRepresentative) && i.LegalRepresentative.Length <= 50
        && Filled(i.RegionCode) && Filled(i.IndustryDivision) && i.IndustryGroup is null
        && i.Employees is >= 0 and <= 10_000_000 && i.RevenueWan is >= 0 and <= 100_000_000 && i.AssetsWan is >= 0 and <= 100_000_000
        && Filled(i.ContactName) && i.ContactName.Length <= 50 && Filled(i.ContactPhone) && i.ContactPhone.Length <= 20;

    private static bool Filled(string? s) => !string.IsNullOrWhiteSpace(s);

    /// <summary>Which of the codes are registered already: one query with the codes as a single array parameter.</summary>
    private async Task<HashSet<string>> TakenAsync(List<string> codes)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        // Chunks keep each statement's parameter modest on both providers (json_each on SQLite, = ANY on PostgreSQL).
        foreach (var chunk in codes.Chunk(20_000))
        {
            var list = chunk.ToList();
            taken.UnionWith(await db.Enterprises.AsNoTracking().Where(e => EF.Parameter(list).Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync());
        }
        return taken;
    }

    private static readonly Dictionary<string, string> RegionByNameOrCode = RegionCodes.Hengyang
        .SelectMany(x => new[] { (Key: x.Name, x.Code), (Key: x.Code, x.Code) })
        .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Code);

    private static string ColumnOf(string? field) => field switch
    {
        "name" => "企业名称", "creditCode" => "统一社会信用代码", "legalRepresentative" => "法定代表人", "regionCode" => "经营所在区县",
        "industryDivision" => "行业大类代码", "employees" => "从业人员", "revenueWan" => "营业收入（万元）", "assetsWan" => "资产总额（万元）",
        "contactName" => "联系人", "contactPhone" => "联系电话", _ => "",
    };

    private static bool TryNumber(string? s, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(s)) return true;
        if (int.TryParse(s.Trim(), out var v)) { value = v; return true; }
        return false;
    }

    private static bool TryDecimal(string? s, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(s)) return true;
        if (decimal.TryParse(s.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v)) { value = v; return true; }
        return false;
    }
}
