using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Needs.Data;

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> b)
    {
        b.ToTable("Needs");
        b.Property(e => e.EnterpriseName).HasMaxLength(100);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.CategoryCode).HasMaxLength(20);
        b.Property(e => e.SubCategory).HasMaxLength(30);
        b.Property(e => e.Title).HasMaxLength(100);
        b.Property(e => e.Description).HasMaxLength(2000);
        b.Property(e => e.Budget).HasPrecision(14, 2);
        b.Property(e => e.RejectReason).HasMaxLength(500);
        b.Property(e => e.CloseReason).HasMaxLength(500);
        b.Property(e => e.Source).HasMaxLength(20);
        b.Property(e => e.SourceText).HasMaxLength(2000);
        b.Property(e => e.FollowUpNote).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.EnterpriseId, e.CreatedAt });
        b.HasIndex(e => new { e.RegionCode, e.Status });
        b.HasIndex(e => new { e.Status, e.CategoryCode });
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        b.ToTable("NeedProposals");
        b.Property(e => e.InstitutionName).HasMaxLength(100);
        b.Property(e => e.ItemTitle).HasMaxLength(100);
        b.Property(e => e.Scope).HasMaxLength(2000);
        b.Property(e => e.Price).HasPrecision(14, 2);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Need>().WithMany().HasForeignKey(e => e.NeedId).OnDelete(DeleteBehavior.Cascade);
        // One proposal per institution and need: answering again after withdrawing revives the same row.
        b.HasIndex(e => new { e.NeedId, e.InstitutionId }).IsUnique();
        b.HasIndex(e => e.InstitutionId);
    }
}

internal sealed class NeedDispatchConfiguration : IEntityTypeConfiguration<NeedDispatch>
{
    public void Configure(EntityTypeBuilder<NeedDispatch> b)
    {
        b.ToTable("NeedDispatches");
        b.Property(e => e.InstitutionName).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(500);
        b.Property(e => e.DispatchedBy).HasMaxLength(100);
        b.HasOne<Need>().WithMany().HasForeignKey(e => e.NeedId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.NeedId, e.InstitutionId }).IsUnique();
        b.HasIndex(e => e.InstitutionId);
    }
}
