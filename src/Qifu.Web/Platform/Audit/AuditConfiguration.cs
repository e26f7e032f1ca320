using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Platform.Audit;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.ActorName).HasMaxLength(100);
        b.Property(a => a.Ip).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(50);
        b.Property(a => a.EntityType).HasMaxLength(50);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.RegionCode).HasMaxLength(6);
        b.Property(a => a.Comment).HasMaxLength(500);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.At);
    }
}
