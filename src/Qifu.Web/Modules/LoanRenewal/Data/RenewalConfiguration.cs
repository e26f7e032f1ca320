using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.LoanRenewal.Data;

internal sealed class RenewalCaseConfiguration : IEntityTypeConfiguration<RenewalCase>
{
    public void Configure(EntityTypeBuilder<RenewalCase> b)
    {
        b.ToTable("RenewalCases");
        b.Property(e => e.Number).HasMaxLength(20);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.EnterpriseName).HasMaxLength(100);
        b.Property(e => e.CreditCode).HasMaxLength(18);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.BankName).HasMaxLength(100);
        b.Property(e => e.ContractNumber).HasMaxLength(50);
        b.Property(e => e.Purpose).HasMaxLength(500);
        b.Property(e => e.ContactName).HasMaxLength(50);
        b.Property(e => e.ContactPhone).HasMaxLength(20);
        b.Property(e => e.StatusNote).HasMaxLength(500);
        b.Property(e => e.Corrections).HasMaxLength(4000);
        b.Property(e => e.DueDiligenceNotes).HasMaxLength(2000);
        b.Property(e => e.NewContractNumber).HasMaxLength(50);
        b.Property(e => e.DeclineReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.CorrectionList);
        b.HasIndex(e => new { e.EnterpriseId, e.Status });
        b.HasIndex(e => new { e.BankId, e.Status });
        b.HasIndex(e => new { e.RegionCode, e.Status });
    }
}

internal sealed class RenewalEventConfiguration : IEntityTypeConfiguration<RenewalEvent>
{
    public void Configure(EntityTypeBuilder<RenewalEvent> b)
    {
        b.ToTable("RenewalEvents");
        b.Property(e => e.Action).HasMaxLength(30);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Comment).HasMaxLength(2000);
        b.HasIndex(e => new { e.CaseId, e.Sequence });
    }
}
