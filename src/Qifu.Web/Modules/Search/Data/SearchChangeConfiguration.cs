using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Search.Data;

internal sealed class SearchChangeConfiguration : IEntityTypeConfiguration<SearchChange>
{
    public void Configure(EntityTypeBuilder<SearchChange> b)
    {
        b.ToTable("SearchChanges");
        b.Property(c => c.Kind).HasMaxLength(20);
        b.HasIndex(c => c.At);
    }
}
