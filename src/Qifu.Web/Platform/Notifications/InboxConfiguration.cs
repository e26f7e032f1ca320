using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Platform.Notifications;

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> b)
    {
        b.ToTable("InboxMessages");
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.Body).HasMaxLength(2000);
        b.Property(m => m.Link).HasMaxLength(300);
        b.Property(m => m.Topic).HasMaxLength(50);
        b.HasIndex(m => new { m.UserId, m.CreatedAt });
        b.HasIndex(m => new { m.UserId, m.ReadAt });
    }
}
