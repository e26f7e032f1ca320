using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Accounts;

/// <summary>Puts what every request needs into the principal: display name, region (data scope), own enterprise or institution.</summary>
internal sealed class ClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    public const string NameClaim = "qifu:name";
    public const string EnterpriseClaim = "qifu:enterprise";
    public const string InstitutionClaim = "qifu:institution";
    public const string MustChangePasswordClaim = "qifu:must-change-password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(NameClaim, user.DisplayName));
        if (user.RegionCode is not null) identity.AddClaim(new Claim(DataScope.RegionClaim, user.RegionCode));
        if (user.EnterpriseId is { } e) identity.AddClaim(new Claim(EnterpriseClaim, e.ToString()));
        if (user.InstitutionId is { } i) identity.AddClaim(new Claim(InstitutionClaim, i.ToString()));
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePasswordClaim, "1"));
        return identity;
    }
}

public static class CurrentUser
{
    public static Guid Id(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
    public static Guid? EnterpriseId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(ClaimsFactory.EnterpriseClaim), out var id) ? id : null;
    public static Guid? InstitutionId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(ClaimsFactory.InstitutionClaim), out var id) ? id : null;
    public static string Name(ClaimsPrincipal user) => user.FindFirstValue(ClaimsFactory.NameClaim) ?? user.Identity?.Name ?? "";
}
