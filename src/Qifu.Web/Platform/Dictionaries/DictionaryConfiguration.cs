using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Platform.Dictionaries;

internal sealed class DictionaryItemConfiguration : IEntityTypeConfiguration<DictionaryItem>
{
    public void Configure(EntityTypeBuilder<DictionaryItem> b)
    {
        b.ToTable("DictionaryItems");
        b.Property(d => d.Kind).HasMaxLength(30);
        b.Property(d => d.Code).HasMaxLength(30);
        b.Property(d => d.Name).HasMaxLength(50);
        b.HasIndex(d => new { d.Kind, d.Code }).IsUnique();
        b.HasData(
            new DictionaryItem { Id = 1, Kind = DictionaryKinds.EnterpriseTag, Code = "zjtx", Name = "专精特新中小企业", SortOrder = 1 },
            new DictionaryItem { Id = 2, Kind = DictionaryKinds.EnterpriseTag, Code = "cxx", Name = "创新型中小企业", SortOrder = 2 },
            new DictionaryItem { Id = 3, Kind = DictionaryKinds.EnterpriseTag, Code = "gxjs", Name = "高新技术企业", SortOrder = 3 },
            new DictionaryItem { Id = 4, Kind = DictionaryKinds.EnterpriseTag, Code = "kjxzx", Name = "科技型中小企业", SortOrder = 4 },
            new DictionaryItem { Id = 5, Kind = DictionaryKinds.EnterpriseTag, Code = "gs", Name = "规模以上工业企业", SortOrder = 5 });
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> b)
    {
        b.ToTable("Settings");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(50);
        b.Property(s => s.Value).HasMaxLength(500);
    }
}
