using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Platform.Consent;

internal sealed class DataSharingConsentConfiguration : IEntityTypeConfiguration<DataSharingConsent>
{
    public void Configure(EntityTypeBuilder<DataSharingConsent> b)
    {
        b.ToTable("DataSharingConsents");
        b.Property(c => c.RecipientKind).HasMaxLength(20);
        b.Property(c => c.RecipientName).HasMaxLength(100);
        b.Property(c => c.Purpose).HasMaxLength(200);
        b.Property(c => c.Fields).HasMaxLength(300);
        b.Property(c => c.Ip).HasMaxLength(50);
        b.HasIndex(c => c.EnterpriseId);
    }
}
