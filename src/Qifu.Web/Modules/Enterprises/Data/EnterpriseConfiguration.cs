using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Enterprises.Data;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> b)
    {
        b.ToTable("Enterprises");
        b.Property(e => e.CreditCode).HasMaxLength(18);
        b.HasIndex(e => e.CreditCode).IsUnique();
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.LegalRepresentative).HasMaxLength(50);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.IndustrySection).HasMaxLength(1);
        b.Property(e => e.IndustryDivision).HasMaxLength(2);
        b.Property(e => e.IndustryGroup).HasMaxLength(3);
        b.Property(e => e.RevenueWan).HasPrecision(18, 2);
        b.Property(e => e.AssetsWan).HasPrecision(18, 2);
        b.Property(e => e.SizeReason).HasMaxLength(300);
        b.Property(e => e.ContactName).HasMaxLength(50);
        b.Property(e => e.ContactPhone).HasMaxLength(20);
        b.Property(e => e.RejectReason).HasMaxLength(500);
        b.Property(e => e.Tags).HasMaxLength(200);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.RegionCode, e.Status });
        b.HasIndex(e => e.CreatedAt);
    }
}
