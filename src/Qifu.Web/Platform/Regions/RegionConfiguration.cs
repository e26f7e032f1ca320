using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Platform.Regions;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(6);
        b.Property(r => r.Name).HasMaxLength(50);
        b.Property(r => r.ParentCode).HasMaxLength(6);
        b.HasData(RegionCodes.Hengyang.Select(r => new Region
        {
            Code = r.Code, Name = r.Name, ParentCode = r.ParentCode, Kind = r.Kind, SortOrder = r.SortOrder,
        }));
    }
}
