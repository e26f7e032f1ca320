using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.ServiceRequests.Data;

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.ToTable("ServiceRequests");
        b.Property(e => e.Number).HasMaxLength(20);
        b.HasIndex(e => e.Number).IsUnique();
        b.Property(e => e.ItemTitle).HasMaxLength(100);
        b.Property(e => e.InstitutionName).HasMaxLength(100);
        b.Property(e => e.EnterpriseName).HasMaxLength(100);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.Need).HasMaxLength(2000);
        b.Property(e => e.ContactName).HasMaxLength(50);
        b.Property(e => e.ContactPhone).HasMaxLength(20);
        b.Property(e => e.StatusNote).HasMaxLength(500);
        b.Property(e => e.DeclineReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.EnterpriseId, e.Status });
        b.HasIndex(e => new { e.InstitutionId, e.Status });
        b.HasIndex(e => new { e.RegionCode, e.Status });
        b.HasIndex(e => e.ItemId);
    }
}

internal sealed class RequestEventConfiguration : IEntityTypeConfiguration<RequestEvent>
{
    public void Configure(EntityTypeBuilder<RequestEvent> b)
    {
        b.ToTable("RequestEvents");
        b.Property(e => e.Action).HasMaxLength(30);
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Comment).HasMaxLength(2000);
        b.HasIndex(e => new { e.RequestId, e.At });
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> b)
    {
        b.ToTable("Evaluations");
        b.HasIndex(e => e.RequestId).IsUnique();
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.Comment).HasMaxLength(1000);
        b.Property(e => e.ModerationReason).HasMaxLength(500);
        b.Property(e => e.Reply).HasMaxLength(500);
        b.Property(e => e.AppealReason).HasMaxLength(500);
        b.Property(e => e.AppealDecision).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.InstitutionId, e.CreatedAt });
        b.HasIndex(e => e.ItemId);
        b.HasIndex(e => new { e.RegionCode, e.Moderation });
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> b)
    {
        b.ToTable("FollowUps");
        b.HasIndex(e => e.EvaluationId).IsUnique();
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.CallbackNote).HasMaxLength(1000);
        b.Property(e => e.Outcome).HasMaxLength(500);
        b.Property(e => e.HandledByName).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.RegionCode, e.Status, e.DueOn });
    }
}
