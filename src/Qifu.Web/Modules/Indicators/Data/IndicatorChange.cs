using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Indicators.Data;

/// <summary>
/// One row per committed unit of work that changed something the indicator figures count (decision 0023), written in the same
/// transaction as the change. Each node compares the log's row count and newest id with those it saw when it last read the facts,
/// and reads them again only when they differ; rows older than ten minutes are deleted at each read.
/// </summary>
public sealed class IndicatorChange
{
    public long Id { get; init; }
    public DateTime At { get; init; }
}

internal sealed class IndicatorChangeConfiguration : IEntityTypeConfiguration<IndicatorChange>
{
    public void Configure(EntityTypeBuilder<IndicatorChange> b)
    {
        b.ToTable("IndicatorChanges");
        b.HasIndex(c => c.At);
    }
}
