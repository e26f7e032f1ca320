using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Institutions.Data;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> b)
    {
        b.ToTable("Institutions");
        b.Property(e => e.CreditCode).HasMaxLength(18);
        b.HasIndex(e => e.CreditCode).IsUnique();
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.Categories).HasMaxLength(200);
        b.Property(e => e.ServiceRegions).HasMaxLength(200);
        b.Property(e => e.FeePolicy).HasMaxLength(1000);
        b.Property(e => e.Introduction).HasMaxLength(2000);
        b.Property(e => e.ContactName).HasMaxLength(50);
        b.Property(e => e.ContactPhone).HasMaxLength(20);
        b.Property(e => e.RejectReason).HasMaxLength(500);
        b.Property(e => e.SuspendReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.RegionCode, e.Status });
    }
}
