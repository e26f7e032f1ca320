using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Enterprises.Data;

public enum ImportJobStatus
{
    Queued = 0,
    Checking = 1,
    Writing = 2,
    Succeeded = 3,
    Failed = 4,
}

public static class ImportJobStatuses
{
    public static string Label(ImportJobStatus s) => s switch
    {
        ImportJobStatus.Queued => "排队中",
        ImportJobStatus.Checking => "校验中",
        ImportJobStatus.Writing => "写入中",
        ImportJobStatus.Succeeded => "已完成",
        ImportJobStatus.Failed => "失败",
        _ => s.ToString(),
    };

    public static bool IsRunning(ImportJobStatus s) => s is ImportJobStatus.Checking or ImportJobStatus.Writing;
    public static bool IsFinished(ImportJobStatus s) => s is ImportJobStatus.Succeeded or ImportJobStatus.Failed;
}

/// <summary>
/// 导入任务: a large 批量导入 run in the background (decision 0020). The upload waits under a generated name in the data
/// folder's imports area until the job ends; the job carries the data scope of the operator who submitted it, which both
/// decides who may see it and which rows it may import.
/// </summary>
public sealed class EnterpriseImportJob
{
    public Guid Id { get; set; }
    /// <summary>The submitting operator's region (衡阳市 for the city operator): who may see the job, and the rows' scope.</summary>
    public string RegionCode { get; set; } = "";
    public bool ScopeAll { get; set; }
    public Guid? CreatedBy { get; set; }
    public string CreatedByName { get; set; } = "";
    /// <summary>The user's file name, cleaned; shown only.</summary>
    public string FileName { get; set; } = "";
    public long FileSize { get; set; }
    /// <summary>The generated name of the staged file in the imports folder (never the user's name).</summary>
    public string StoredName { get; set; } = "";
    public ImportJobStatus Status { get; set; }
    /// <summary>Rows read (data rows, without the header).</summary>
    public int Rows { get; set; }
    public int Imported { get; set; }
    /// <summary>Rows with at least one problem, and the number of problems.</summary>
    public int ErrorRows { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>The first <see cref="ImportJobs.ImportJobRunner.ErrorsKept"/> problems as JSON ([{row, column, value, message}]).</summary>
    public string? ErrorsJson { get; set; }
    /// <summary>Why the job failed, when not because of bad rows (a wrong template, a crash).</summary>
    public string? FailureReason { get; set; }
    /// <summary>Whether the staged file is still there, so 重新运行 can take it again.</summary>
    public bool CanRerun { get; set; }
    /// <summary>Which node runs it (set by the claim), so a restarted node knows its own abandoned jobs.</summary>
    public string? Node { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

internal sealed class EnterpriseImportJobConfiguration : IEntityTypeConfiguration<EnterpriseImportJob>
{
    public void Configure(EntityTypeBuilder<EnterpriseImportJob> b)
    {
        b.ToTable("EnterpriseImportJobs");
        b.Property(j => j.RegionCode).HasMaxLength(6);
        b.Property(j => j.CreatedByName).HasMaxLength(50);
        b.Property(j => j.FileName).HasMaxLength(120);
        b.Property(j => j.StoredName).HasMaxLength(40);
        b.Property(j => j.FailureReason).HasMaxLength(500);
        b.Property(j => j.Node).HasMaxLength(100);
        b.HasIndex(j => new { j.Status, j.CreatedAt });
        b.HasIndex(j => new { j.RegionCode, j.CreatedAt });
    }
}
