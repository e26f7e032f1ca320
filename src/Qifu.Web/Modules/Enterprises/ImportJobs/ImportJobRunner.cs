using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Enterprises.ImportEnterprises;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Enterprises.ImportJobs;

/// <summary>
/// Runs 导入任务 one at a time on this node (decision 0020). A job is taken by an atomic claim —
/// <c>UPDATE … SET Status = Checking WHERE Id = @id AND Status = Queued</c> — so with several nodes on one PostgreSQL
/// database exactly one takes it. The check is the synchronous import's (every row first); the write is its one
/// transaction, and the job's 已完成 is saved in that same transaction, so a process killed at any point leaves either
/// everything (and 已完成) or nothing (and a job still marked running, which <see cref="RecoverAsync"/> turns into 失败 at
/// the next start, ready for 重新运行).
/// </summary>
public sealed class ImportJobRunner(IServiceScopeFactory scopes, ImportJobSignal signal, IConfiguration config, TimeProvider clock,
    ILogger<ImportJobRunner> log) : BackgroundService
{
    public const string EnabledKey = "Qifu:Imports:Worker";
    public const int ErrorsKept = 1000;
    /// <summary>A job running longer than this on another node is taken as abandoned (a 100,000-row job takes about a minute).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    public const string InterruptedReason = "导入过程中服务中断，未写入任何数据，可重新运行";

    /// <summary>This node's name: Qifu:NodeName, else the machine name.</summary>
    public string Node => config["Qifu:NodeName"] ?? Environment.MachineName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue(EnabledKey, true)) return;
        await Task.Yield();
        try { await RecoverAsync(stoppingToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Recovering import jobs failed"); }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunNextAsync(stoppingToken)) continue;
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                log.LogError(ex, "Import job runner failed; trying again shortly");
                try { await Task.Delay(Poll, stoppingToken); } catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>
    /// At start-up: jobs this node left running (it was killed) and jobs running on any node for longer than
    /// <see cref="StaleAfter"/> become 失败 — nothing of theirs was committed — and can be re-run while their file is there.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var import = scope.ServiceProvider.GetRequiredService<EnterpriseImport>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - StaleAfter;
        var node = Node;
        var left = await db.EnterpriseImportJobs
            .Where(j => (j.Status == ImportJobStatus.Checking || j.Status == ImportJobStatus.Writing) && (j.Node == node || j.StartedAt < staleBefore))
            .ToListAsync(ct);
        foreach (var job in left)
        {
            job.Status = ImportJobStatus.Failed;
            job.FailureReason = InterruptedReason;
            job.CanRerun = File.Exists(import.PathOf(Guid.Parse(job.StoredName)));
            job.FinishedAt = now;
            audit.Record("导入任务失败", ImportJobService.AuditEntityType, job.Id, job.RegionCode, comment: $"企业导入任务中断（{job.FileName}），未写入任何数据");
        }
        if (left.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            log.LogWarning("Marked {Count} interrupted import job(s) as failed", left.Count);
        }
        return left.Count;
    }

    /// <summary>Claims and runs the oldest queued job; false when there is none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct = default)
    {
        Guid id;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var candidates = await db.EnterpriseImportJobs.AsNoTracking().Where(j => j.Status == ImportJobStatus.Queued)
                .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(5).ToListAsync(ct);
            if (candidates.Count == 0) return false;
            id = Guid.Empty;
            var node = Node;
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var candidate in candidates)
            {
                var claimed = await db.EnterpriseImportJobs
                    .Where(j => j.Id == candidate && j.Status == ImportJobStatus.Queued)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(j => j.Status, ImportJobStatus.Checking)
                        .SetProperty(j => j.Node, node)
                        .SetProperty(j => j.StartedAt, now)
                        .SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
                if (claimed == 1) { id = candidate; break; }
            }
            if (id == Guid.Empty) return true; // another node took them: look again
        }
        await RunAsync(id);
        return true;
    }

    private async Task RunAsync(Guid id)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var import = scope.ServiceProvider.GetRequiredService<EnterpriseImport>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var job = await db.EnterpriseImportJobs.SingleAsync(j => j.Id == id);
        var path = import.PathOf(Guid.Parse(job.StoredName));
        try
        {
            if (!File.Exists(path))
            {
                await FailAsync(db, audit, job, "导入文件已不存在，请重新上传", canRerun: false);
                return;
            }
            var (check, enterprises) = await import.CheckAsync(path, new DataScope(job.ScopeAll, job.RegionCode));
            job.Rows = check.Rows;
            if (check.Errors.Count > 0)
            {
                job.ErrorCount = check.Errors.Count;
                job.ErrorRows = check.Errors.Select(e => e.Row).Distinct().Count();
                job.ErrorsJson = JsonSerializer.Serialize(check.Errors.Take(ErrorsKept).ToList(), ImportJobService.JsonOptions);
                await FailAsync(db, audit, job, $"校验未通过：共 {check.Rows} 行，{job.ErrorRows} 行有错误，未写入任何数据", canRerun: false);
                File.Delete(path);
                return;
            }
            if (check.Rows == 0)
            {
                await FailAsync(db, audit, job, "文件中没有可导入的数据行", canRerun: false);
                File.Delete(path);
                return;
            }
            job.Status = ImportJobStatus.Writing;
            await db.SaveChangesAsync();

            var actor = job.CreatedByName + "（导入任务）";
            async Task MarkDone()
            {
                // After a bulk write the tracker was cleared: the job is read again inside the transaction and marked done with it.
                var done = await db.EnterpriseImportJobs.SingleAsync(j => j.Id == id);
                done.Status = ImportJobStatus.Succeeded;
                done.Rows = check.Rows;
                done.Imported = enterprises.Count;
                done.FinishedAt = clock.GetUtcNow().UtcDateTime;
                done.CanRerun = false;
                audit.Record("导入任务完成", ImportJobService.AuditEntityType, done.Id, done.RegionCode,
                    comment: $"企业导入任务完成（{done.FileName}）：{ImportCheck.Outcome(enterprises.Count, check.Existing)}", actorName: actor);
            }
            if (enterprises.Count > 0) await import.WriteAsync(enterprises, job.RegionCode, MarkDone, actor);
            else
            {
                // Every row is registered already (the same file again): nothing to write, the job is done.
                await MarkDone();
                await db.SaveChangesAsync();
            }
            File.Delete(path);
        }
        catch (RuleViolationException rule)
        {
            // A wrong template, too many rows, or a conflict at write time: said in the rule's own words. A conflict may pass
            // when re-run (the file is kept for it); the others need a new file.
            var retry = rule.Code == "IMPORT_CONFLICT";
            await FailAsync(db, audit, job, rule.Message, canRerun: retry);
            if (!retry) File.Delete(path);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Import job {Job} failed", id);
            await FailAsync(db, audit, job, "导入过程中发生系统错误，未写入任何数据，可重新运行", canRerun: File.Exists(path));
        }
    }

    private async Task FailAsync(AppDbContext db, AuditTrail audit, EnterpriseImportJob job, string reason, bool canRerun)
    {
        // Whatever was tracked (a half-built unit of work) is dropped; the job row is read again and only it changes.
        var errors = (job.Rows, job.ErrorRows, job.ErrorCount, job.ErrorsJson);
        db.ChangeTracker.Clear();
        var failed = await db.EnterpriseImportJobs.SingleAsync(j => j.Id == job.Id);
        (failed.Rows, failed.ErrorRows, failed.ErrorCount, failed.ErrorsJson) = errors;
        failed.Status = ImportJobStatus.Failed;
        failed.FailureReason = reason.Length > 500 ? reason[..500] : reason;
        failed.CanRerun = canRerun;
        failed.FinishedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("导入任务失败", ImportJobService.AuditEntityType, failed.Id, failed.RegionCode, comment: $"企业导入任务失败（{failed.FileName}）：{failed.FailureReason}",
            actorName: failed.CreatedByName + "（导入任务）");
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// Hourly: staged files in the imports area that no live job holds and that are older than a day (a preview never
/// confirmed, a job's file left by a crash) are deleted; jobs running on a node for longer than
/// <see cref="ImportJobRunner.StaleAfter"/> are marked failed.
/// </summary>
public sealed class ImportTempSweep(AppDbContext db, EnterpriseImport import, TimeProvider clock, ImportJobRunner runner) : IScheduledWork
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public async Task RunAsync(CancellationToken ct = default)
    {
        await runner.RecoverAsync(ct);
        var folder = import.ImportsFolder;
        if (!Directory.Exists(folder)) return;
        var held = (await db.EnterpriseImportJobs.AsNoTracking()
                .Where(j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Checking || j.Status == ImportJobStatus.Writing
                    || (j.Status == ImportJobStatus.Failed && j.CanRerun))
                .Select(j => j.StoredName).ToListAsync(ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var cutoff = clock.GetUtcNow().UtcDateTime - KeepFor;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (held.Contains(Path.GetFileNameWithoutExtension(file))) continue;
            if (File.GetLastWriteTimeUtc(file) < cutoff) File.Delete(file);
        }
    }
}
