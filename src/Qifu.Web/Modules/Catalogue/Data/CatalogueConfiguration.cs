using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Catalogue.Data;

internal static class ItemContentMapping
{
    public static void Map<T>(EntityTypeBuilder<T> b, System.Linq.Expressions.Expression<Func<T, ItemContent?>> content) where T : class =>
        b.ComplexProperty(content, c =>
        {
            c.Property(x => x.Title).HasMaxLength(100);
            c.Property(x => x.CategoryCode).HasMaxLength(20);
            c.Property(x => x.SubCategory).HasMaxLength(30);
            c.Property(x => x.Description).HasMaxLength(20000);
            c.Property(x => x.Deliverables).HasMaxLength(2000);
            c.Property(x => x.Price).HasPrecision(12, 2);
            c.Property(x => x.ServiceRegions).HasMaxLength(200);
            c.Property(x => x.ContactName).HasMaxLength(50);
            c.Property(x => x.ContactPhone).HasMaxLength(20);
        });
}

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> b)
    {
        b.ToTable("ServiceItems");
        b.Property(e => e.RegionCode).HasMaxLength(6);
        ItemContentMapping.Map(b, e => e.Content);
        b.Property(e => e.RejectReason).HasMaxLength(500);
        b.Property(e => e.OffShelfReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        // An institution's items, newest first (item page: 该机构的其他服务); without it SQLite walks every published item by date.
        b.HasIndex(e => new { e.InstitutionId, e.Status, e.PublishedAt });
        b.HasIndex(e => new { e.RegionCode, e.Status });
        b.HasIndex(e => new { e.Status, e.PublishedAt });
    }
}

internal sealed class ServiceItemRevisionConfiguration : IEntityTypeConfiguration<ServiceItemRevision>
{
    public void Configure(EntityTypeBuilder<ServiceItemRevision> b)
    {
        b.ToTable("ServiceItemRevisions");
        ItemContentMapping.Map(b, e => e.Content);
        b.Property(e => e.RejectReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.ItemId, e.Status });
    }
}

internal sealed class ServicePackageConfiguration : IEntityTypeConfiguration<ServicePackage>
{
    public void Configure(EntityTypeBuilder<ServicePackage> b)
    {
        b.ToTable("ServicePackages");
        b.Property(e => e.Title).HasMaxLength(100);
        b.Property(e => e.Summary).HasMaxLength(2000);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasMany(e => e.Entries).WithOne().HasForeignKey(e => e.PackageId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.Status, e.ValidUntil });
    }
}

internal sealed class PackageEntryConfiguration : IEntityTypeConfiguration<PackageEntry>
{
    public void Configure(EntityTypeBuilder<PackageEntry> b)
    {
        b.ToTable("PackageEntries");
        b.Property(e => e.Kind).HasMaxLength(20);
        b.HasIndex(e => new { e.PackageId, e.Kind, e.TargetId }).IsUnique();
    }
}

internal sealed class PackageClaimConfiguration : IEntityTypeConfiguration<PackageClaim>
{
    public void Configure(EntityTypeBuilder<PackageClaim> b)
    {
        b.ToTable("PackageClaims");
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.HasIndex(e => new { e.PackageId, e.ItemId, e.EnterpriseId }).IsUnique();
        b.HasIndex(e => e.ItemId);
        b.HasIndex(e => e.EnterpriseId);
    }
}
