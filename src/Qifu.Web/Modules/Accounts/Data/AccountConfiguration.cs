using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Accounts.Data;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.Property(u => u.RegionCode).HasMaxLength(6);
        b.HasIndex(u => u.PhoneNumber).IsUnique();
        b.HasIndex(u => u.EnterpriseId);
        b.HasIndex(u => u.InstitutionId);
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.ToTable("SignInSessions");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(64);
        b.Property(s => s.Ip).HasMaxLength(64);
        b.Property(s => s.UserAgent).HasMaxLength(300);
        b.HasIndex(s => s.UserId);
        b.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class SignInLogConfiguration : IEntityTypeConfiguration<SignInLogEntry>
{
    public void Configure(EntityTypeBuilder<SignInLogEntry> b)
    {
        b.ToTable("SignInLog");
        b.Property(s => s.UserName).HasMaxLength(100);
        b.Property(s => s.Outcome).HasMaxLength(50);
        b.Property(s => s.Ip).HasMaxLength(64);
        b.Property(s => s.UserAgent).HasMaxLength(300);
        b.HasIndex(s => s.At);
    }
}
