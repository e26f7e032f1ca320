using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Platform.Files;

internal sealed class FileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.Property(f => f.OwnerType).HasMaxLength(30);
        b.Property(f => f.Purpose).HasMaxLength(30);
        b.Property(f => f.FileName).HasMaxLength(200);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.StoragePath).HasMaxLength(200);
        b.HasIndex(f => new { f.OwnerType, f.OwnerId });
    }
}
