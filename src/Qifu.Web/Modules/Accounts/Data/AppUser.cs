using Microsoft.AspNetCore.Identity;

namespace Qifu.Web.Modules.Accounts.Data;

/// <summary>A person who signs in: enterprise staff, institution staff or an operator. Signs in by mobile number or user name.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    /// <summary>For operators: the region they act for (430400 for the city).</summary>
    public string? RegionCode { get; set; }
    public Guid? EnterpriseId { get; set; }
    public Guid? InstitutionId { get; set; }
    public bool MustChangePassword { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PasswordChangedAt { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}

/// <summary>A server-side sign-in session (SECURITY.md SE-02): the cookie holds only a random key to this row.</summary>
public sealed class SignInSession
{
    public required string Key { get; init; }
    public Guid UserId { get; init; }
    public required byte[] Ticket { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastSeenAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
}

/// <summary>Every sign-in attempt, successful or not (登录日志).</summary>
public sealed class SignInLogEntry
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public required string UserName { get; init; }
    public Guid? UserId { get; init; }
    public bool Succeeded { get; init; }
    public required string Outcome { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
}
