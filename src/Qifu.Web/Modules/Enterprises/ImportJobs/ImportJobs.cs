using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ImportJobs;

/// <summary>What the page and the API show of a job.</summary>
/// <param name="Existing">Rows of a finished job whose credit code was registered already (skipped, IN-07).</param>
public sealed record ImportJobView(Guid Id, string Status, string StatusLabel, string FileName, long FileSize, int Rows, int Imported, int Existing,
    int ErrorRows, int ErrorCount, IReadOnlyList<ImportError> Errors, string? FailureReason, bool CanRerun, bool Finished,
    string CreatedByName, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt);

public sealed class ImportErrorRow
{
    [ExcelColumnName("行号")] public int Row { get; set; }
    [ExcelColumnName("列")] public string Column { get; set; } = "";
    [ExcelColumnName("填写内容")] public string? Value { get; set; }
    [ExcelColumnName("错误说明")] public string Message { get; set; } = "";
}

/// <summary>
/// 导入任务 (decision 0020): a 批量导入 file above the threshold (<see cref="BackgroundRowsKey"/> rows or
/// <see cref="BackgroundBytesKey"/> bytes) is not checked in the request: it is staged, a job row is saved (audited), and the
/// <see cref="ImportJobRunner"/> checks and writes it in the background with the same all-or-nothing rules. Jobs are seen
/// within the submitting operator's data scope only (404 otherwise).
/// </summary>
public sealed class ImportJobService(AppDbContext db, AuditTrail audit, TimeProvider clock, Microsoft.Extensions.Configuration.IConfiguration config, EnterpriseImport import,
    ImportJobSignal signal)
{
    public const string BackgroundRowsKey = "Qifu:Imports:BackgroundRows";
    public const string BackgroundBytesKey = "Qifu:Imports:BackgroundBytes";
    public const int DefaultBackgroundRows = 5000;
    public const long DefaultBackgroundBytes = 5 * 1024 * 1024;
    public const string AuditEntityType = "企业导入任务";

    public int BackgroundRows => config.GetValue(BackgroundRowsKey, DefaultBackgroundRows);
    public long BackgroundBytes => config.GetValue(BackgroundBytesKey, DefaultBackgroundBytes);

    /// <summary>Over the threshold: by the rows the workbook declares, else (no declaration) by its size.</summary>
    public bool IsLarge(string path, long size) =>
        size > BackgroundBytes || (EnterpriseImport.DeclaredRows(path) is { } rows && rows > BackgroundRows);

    public async Task<EnterpriseImportJob> SubmitAsync(Guid token, string? fileName, long size, ClaimsPrincipal user)
    {
        var scope = DataScope.Of(user);
        var job = new EnterpriseImportJob
        {
            Id = Guid.NewGuid(), RegionCode = scope.RegionCode ?? "none", ScopeAll = scope.All,
            CreatedBy = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : null,
            CreatedByName = Truncate(CurrentUser.Name(user), 50),
            FileName = Truncate(FileStore.CleanName(fileName, FileKind.Unknown) + ".xlsx", 120),
            FileSize = size, StoredName = token.ToString("N"), Status = ImportJobStatus.Queued, CanRerun = false,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.EnterpriseImportJobs.Add(job);
        audit.Record("提交导入任务", AuditEntityType, job.Id, job.RegionCode, comment: $"提交企业导入任务（{job.FileName}，{size / 1024} KB）");
        try
        {
            await db.SaveChangesAsync();
        }
        catch
        {
            File.Delete(import.PathOf(token));
            throw;
        }
        signal.Wake();
        return job;
    }

    private IQueryable<EnterpriseImportJob> Visible(ClaimsPrincipal user) =>
        DataScope.Of(user).Apply(db.EnterpriseImportJobs.AsNoTracking(), j => j.RegionCode);

    public async Task<EnterpriseImportJob?> FindAsync(Guid id, ClaimsPrincipal user) =>
        await Visible(user).FirstOrDefaultAsync(j => j.Id == id);

    public async Task<List<EnterpriseImportJob>> RecentAsync(ClaimsPrincipal user, int take = 10) =>
        await Visible(user).OrderByDescending(j => j.CreatedAt).Take(take).ToListAsync();

    /// <summary>重新运行: a job that failed for a reason other than its rows (a crash, a conflict) is queued again with the same file.</summary>
    public async Task<EnterpriseImportJob?> RerunAsync(Guid id, ClaimsPrincipal user)
    {
        if (await FindAsync(id, user) is null) return null;
        var job = await db.EnterpriseImportJobs.SingleAsync(j => j.Id == id);
        if (job.Status != ImportJobStatus.Failed || !job.CanRerun || !File.Exists(import.PathOf(Guid.Parse(job.StoredName))))
            throw new RuleViolationException("IMPORT_JOB_NOT_RERUNNABLE", "只有因系统原因中断的失败任务可以重新运行；校验未通过的文件请修改后重新上传", "jobId", 409);
        job.Status = ImportJobStatus.Queued;
        job.FailureReason = null;
        job.CanRerun = false;
        job.Node = null;
        job.StartedAt = null;
        job.FinishedAt = null;
        job.Rows = job.Imported = job.ErrorRows = job.ErrorCount = 0;
        job.ErrorsJson = null;
        audit.Record("重新运行导入任务", AuditEntityType, job.Id, job.RegionCode, comment: $"重新运行企业导入任务（{job.FileName}）");
        await db.SaveChangesAsync();
        signal.Wake();
        return job;
    }

    public static ImportJobView View(EnterpriseImportJob j, int errorsShown = ImportJobRunner.ErrorsKept) => new(
        j.Id, j.Status.ToString(), ImportJobStatuses.Label(j.Status), j.FileName, j.FileSize, j.Rows, j.Imported,
        j.Status == ImportJobStatus.Succeeded ? j.Rows - j.Imported : 0, j.ErrorRows, j.ErrorCount,
        Errors(j).Take(errorsShown).ToList(), j.FailureReason, j.Status == ImportJobStatus.Failed && j.CanRerun, ImportJobStatuses.IsFinished(j.Status),
        j.CreatedByName, j.CreatedAt, j.StartedAt, j.FinishedAt);

    public static List<ImportError> Errors(EnterpriseImportJob j) =>
        string.IsNullOrEmpty(j.ErrorsJson) ? [] : JsonSerializer.Deserialize<List<ImportError>>(j.ErrorsJson, JsonOptions) ?? [];

    /// <summary>The error workbook: one row per problem (行号, 列, 填写内容, 错误说明), the first <see cref="ImportJobRunner.ErrorsKept"/>.</summary>
    public static byte[] ErrorWorkbook(EnterpriseImportJob j)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(Errors(j).Select(e => new ImportErrorRow { Row = e.Row, Column = e.Column, Value = Defuse(e.Value), Message = e.Message }).ToList());
        return stream.ToArray();
    }

    /// <summary>A value the operator typed goes back into Excel: one starting like a formula is made text (EN-05).</summary>
    private static string? Defuse(string? v) => v is { Length: > 0 } && "=+-@\t\r".Contains(v[0]) ? "'" + v : v;

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>Wakes the node's runner when a job is queued here (other nodes find it by polling).</summary>
public sealed class ImportJobSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
