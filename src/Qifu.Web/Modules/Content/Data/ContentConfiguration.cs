using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Content.Data;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> b)
    {
        b.ToTable("Articles");
        b.Property(e => e.Column).HasMaxLength(20);
        b.Property(e => e.Title).HasMaxLength(100);
        b.Property(e => e.Summary).HasMaxLength(300);
        b.Property(e => e.Body).HasMaxLength(100000);
        b.Property(e => e.Source).HasMaxLength(50);
        b.Property(e => e.Author).HasMaxLength(50);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.RejectReason).HasMaxLength(500);
        b.Property(e => e.WithdrawReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.OwnsOne(e => e.Policy, p =>
        {
            p.ToTable("PolicyDetails");
            p.WithOwner().HasForeignKey("ArticleId");
            p.HasKey("ArticleId");
            p.Property(x => x.IndexNumber).HasMaxLength(50);
            p.Property(x => x.Issuer).HasMaxLength(100);
            p.Property(x => x.DocumentNumber).HasMaxLength(50);
            p.Property(x => x.Theme).HasMaxLength(20);
            p.Property(x => x.SupportType).HasMaxLength(20);
            p.Property(x => x.SizeClasses).HasMaxLength(50);
            p.Property(x => x.IndustrySections).HasMaxLength(60);
            p.Property(x => x.Regions).HasMaxLength(120);
            p.Property(x => x.Qualifications).HasMaxLength(200);
            p.Property(x => x.OtherConditions).HasMaxLength(1000);
            p.HasIndex(x => new { x.Level, x.Validity });
        });
        // Public lists (column, kind, all): pinned first, then newest, among what is published, in the exact order of the list
        // and with the id and region, so that a node reads a list's order from the index alone (ReadArticles/ArticleIdLists).
        b.HasIndex(e => new { e.Status, e.Column, e.IsPinned, e.PublishAt, e.Id, e.RegionCode })
            .IsDescending(false, false, true, true, false, false).HasDatabaseName("IX_Articles_ColumnList");
        b.HasIndex(e => new { e.Status, e.Kind, e.IsPinned, e.PublishAt, e.Id, e.RegionCode })
            .IsDescending(false, false, true, true, false, false).HasDatabaseName("IX_Articles_KindList");
        b.HasIndex(e => new { e.Status, e.IsPinned, e.PublishAt, e.Id, e.RegionCode })
            .IsDescending(false, true, true, false, false).HasDatabaseName("IX_Articles_List");
        b.HasIndex(e => new { e.RegionCode, e.Status });
        b.HasIndex(e => e.InterpretsPolicyId);
    }
}

internal sealed class PolicySubscriptionConfiguration : IEntityTypeConfiguration<PolicySubscription>
{
    public void Configure(EntityTypeBuilder<PolicySubscription> b)
    {
        b.ToTable("PolicySubscriptions");
        b.HasKey(e => e.EnterpriseId);
    }
}

internal sealed class PolicyNoticeConfiguration : IEntityTypeConfiguration<PolicyNotice>
{
    public void Configure(EntityTypeBuilder<PolicyNotice> b)
    {
        b.ToTable("PolicyNotices");
        b.Property(e => e.Kind).HasMaxLength(10);
        b.HasIndex(e => new { e.EnterpriseId, e.ArticleId, e.Kind }).IsUnique();
    }
}
