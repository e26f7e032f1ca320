using System.Security.Claims;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.RegisterEnterprise;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
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

public sealed record ImportCheck(int Rows, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> Preview);

/// <summary>
/// 批量导入: every row is checked first and errors are reported row by row; nothing is written until the operator
/// confirms, and then all rows are written in one transaction, or none. Imported enterprises count as reviewed.
/// </summary>
public sealed class EnterpriseImport(AppDbContext db, AuditTrail audit, TimeProvider clock, Microsoft.Extensions.Configuration.IConfiguration config, IHostEnvironment env)
{
    public const int MaxRows = 5000;
    public const long MaxBytes = 5 * 1024 * 1024;
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

    /// <summary>Stores the upload privately and checks it; returns the token to confirm with.</summary>
    public async Task<(Guid Token, ImportCheck Check)> StageAsync(IFormFile? upload, ClaimsPrincipal user)
    {
        if (upload is null || upload.Length == 0)
            throw new RuleViolationException("FILE_EMPTY", "请选择要导入的 Excel 文件", "upload", 400);
        if (upload.Length > MaxBytes)
            throw new RuleViolationException("FILE_TOO_LARGE", "导入文件不能超过5MB", "upload", 413);
        var token = Guid.NewGuid();
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, token.ToString("N") + ".xlsx");
        await using (var fs = File.Create(path)) await upload.CopyToAsync(fs);
        var check = await CheckAsync(path, user);
        if (check.Check.Errors.Count > 0) File.Delete(path);
        return (token, check.Check);
    }

    public async Task<int> ConfirmAsync(Guid token, ClaimsPrincipal user)
    {
        var path = Path.Combine(Folder, token.ToString("N") + ".xlsx");
        if (!File.Exists(path))
            throw new RuleViolationException("IMPORT_EXPIRED", "导入文件已失效，请重新上传", "upload", 410);
        var (check, enterprises) = await CheckAsync(path, user);
        if (check.Errors.Count > 0)
            throw new RuleViolationException("IMPORT_INVALID", "导入数据校验未通过，请重新上传", "upload", 422);
        db.Enterprises.AddRange(enterprises);
        audit.Record("导入", "企业", null, DataScope.Of(user).RegionCode, comment: $"导入企业 {enterprises.Count} 条");
        await db.SaveChangesAsync();
        File.Delete(path);
        return enterprises.Count;
    }

    private async Task<(ImportCheck Check, List<Enterprise> Enterprises)> CheckAsync(string path, ClaimsPrincipal user)
    {
        List<EnterpriseImportRow> rows;
        try
        {
            var header = (MiniExcel.Query(path, useHeaderRow: false).FirstOrDefault() as IDictionary<string, object?>)?
                .Values.Select(v => v?.ToString()?.Trim() ?? "").Where(v => v.Length > 0).ToArray() ?? [];
            if (!Headers.SequenceEqual(header))
                throw new RuleViolationException("IMPORT_TEMPLATE_MISMATCH", "模板不匹配，请下载最新模板", "upload", 422);
            rows = MiniExcel.Query<EnterpriseImportRow>(path).ToList();
        }
        catch (Exception ex) when (ex is not RuleViolationException)
        {
            throw new RuleViolationException("IMPORT_UNREADABLE", "无法读取该文件，请使用平台提供的 .xlsx 模板", "upload", 422);
        }
        if (rows.Count > MaxRows)
            throw new RuleViolationException("IMPORT_TOO_MANY", $"一次最多导入{MaxRows}行", "upload", 413);

        var scope = DataScope.Of(user);
        var errors = new List<ImportError>();
        var enterprises = new List<Enterprise>();
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var rowNo = i + 2; // row 1 is the header
            var regionCode = RegionCodes.Hengyang.FirstOrDefault(x => x.Name == r.Region?.Trim() || x.Code == r.Region?.Trim())?.Code ?? "";
            if (!TryNumber(r.Employees, out var employees)) { errors.Add(new(rowNo, "从业人员", r.Employees, "请填写整数")); continue; }
            if (!TryDecimal(r.RevenueWan, out var revenue)) { errors.Add(new(rowNo, "营业收入（万元）", r.RevenueWan, "请填写数字（不要使用公式）")); continue; }
            if (!TryDecimal(r.AssetsWan, out var assets)) { errors.Add(new(rowNo, "资产总额（万元）", r.AssetsWan, "请填写数字（不要使用公式）")); continue; }
            var input = new EnterpriseProfileInput
            {
                Name = r.Name?.Trim() ?? "", CreditCode = r.CreditCode ?? "", LegalRepresentative = r.LegalRepresentative?.Trim() ?? "",
                RegionCode = regionCode, IndustryDivision = r.IndustryDivision?.Trim().PadLeft(2, '0') ?? "", Employees = employees,
                RevenueWan = revenue, AssetsWan = assets, ContactName = r.ContactName?.Trim() ?? "", ContactPhone = r.ContactPhone ?? "",
            };
            var shape = Validation.Errors(input);
            if (shape.Count > 0)
            {
                var (field, messages) = shape.First();
                errors.Add(new(rowNo, ColumnOf(field), null, messages[0]));
                continue;
            }
            if (regionCode.Length > 0 && !scope.Covers(regionCode))
            {
                errors.Add(new(rowNo, "经营所在区县", r.Region, "超出您的数据范围，只能导入本区县企业"));
                continue;
            }
            try
            {
                var profile = await RegisterEnterpriseHandler.CheckProfileAsync(db, input, null);
                if (seen.TryGetValue(profile.CreditCode, out var firstRow))
                {
                    errors.Add(new(rowNo, "统一社会信用代码", profile.CreditCode, $"与第{firstRow}行重复"));
                    errors.Add(new(firstRow, "统一社会信用代码", profile.CreditCode, $"与第{rowNo}行重复"));
                    continue;
                }
                seen[profile.CreditCode] = rowNo;
                var e = RegisterEnterpriseHandler.NewEnterprise(profile, now);
                e.ApproveOnImport(now);
                enterprises.Add(e);
            }
            catch (RuleViolationException ex)
            {
                var value = ex.Field switch { "creditCode" => r.CreditCode, "regionCode" => r.Region, "industryDivision" => r.IndustryDivision, "contactPhone" => r.ContactPhone, _ => null };
                errors.Add(new(rowNo, ColumnOf(ex.Field), value, ex.Code == "USCC_TAKEN" ? "该统一社会信用代码已存在" : ex.Message));
            }
        }
        var preview = enterprises.Take(10).Select(e => $"{e.Name}（{e.CreditCode}，{RegionCodes.NameOf(e.RegionCode)}，{SizeClasses.Label(e.SizeClass)}）").ToList();
        return (new ImportCheck(rows.Count, errors.OrderBy(e => e.Row).ToList(), preview), enterprises);
    }

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
