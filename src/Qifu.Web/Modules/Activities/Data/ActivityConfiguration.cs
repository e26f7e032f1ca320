using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Activities.Data;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ToTable("Activities");
        b.Property(e => e.Title).HasMaxLength(100);
        b.Property(e => e.Description).HasMaxLength(20000);
        b.Property(e => e.OrganiserName).HasMaxLength(100);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.Venue).HasMaxLength(200);
        b.Property(e => e.OnlineLink).HasMaxLength(500);
        b.Property(e => e.Questions).HasMaxLength(1000);
        b.Property(e => e.RejectReason).HasMaxLength(500);
        b.Property(e => e.CancelReason).HasMaxLength(500);
        b.Property(e => e.Summary).HasMaxLength(5000);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.Status, e.StartsAt });
        b.HasIndex(e => new { e.RegionCode, e.Status });
        b.HasIndex(e => e.InstitutionId);
    }
}

internal sealed class ActivityRegistrationConfiguration : IEntityTypeConfiguration<ActivityRegistration>
{
    public void Configure(EntityTypeBuilder<ActivityRegistration> b)
    {
        b.ToTable("ActivityRegistrations");
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.EnterpriseName).HasMaxLength(100);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.Code).HasMaxLength(8);
        b.Property(e => e.Answers).HasMaxLength(2000);
        b.Property(e => e.CheckedInBy).HasMaxLength(50);
        b.Property(e => e.FeedbackComment).HasMaxLength(500);
        // Named staff travel with their registration and are never queried on their own: one JSON column.
        b.OwnsMany(e => e.Attendees, a => a.ToJson("Attendees"));
        b.HasOne<Activity>().WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.Code).IsUnique();
        // One registration per enterprise and activity (SECURITY.md IN-09); walk-ins have no enterprise (NULLs never clash).
        b.HasIndex(e => new { e.ActivityId, e.EnterpriseId }).IsUnique();
        b.HasIndex(e => new { e.ActivityId, e.Status, e.Id });
        b.HasIndex(e => e.EnterpriseId);
    }
}
