using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Platform.Files;

public static class FileEndpoints
{
    /// <summary>Files are served only by id, after checking that the caller may see the record that owns them.</summary>
    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{id:guid}", async (Guid id, HttpContext http, AppDbContext db, FileStore store) =>
            {
                var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id);
                if (file is null || !await MaySeeAsync(http.User, file, db)) return ProblemResults.NotFound(http);
                var stream = store.Open(file);
                if (stream is null) return ProblemResults.NotFound(http);
                var disposition = new ContentDispositionHeaderValue("attachment");
                disposition.SetHttpFileName(file.FileName);
                http.Response.Headers.ContentDisposition = disposition.ToString();
                http.Response.Headers.ContentSecurityPolicy = "sandbox";
                return Results.Stream(stream, file.ContentType);
            })
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = AccountsModule.ApiScheme })
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<bool> MaySeeAsync(ClaimsPrincipal user, StoredFile file, AppDbContext db)
    {
        var scope = DataScope.Of(user);
        switch (file.OwnerType)
        {
            case "enterprise":
                if (CurrentUser.EnterpriseId(user) == file.OwnerId) return true;
                var e = await db.Enterprises.AsNoTracking().Where(x => x.Id == file.OwnerId).Select(x => x.RegionCode).FirstOrDefaultAsync();
                return e is not null && Roles.Operators.Any(user.IsInRole) && scope.Covers(e);
            case "institution":
                if (CurrentUser.InstitutionId(user) == file.OwnerId) return true;
                var i = await db.Institutions.AsNoTracking().Where(x => x.Id == file.OwnerId).Select(x => x.RegionCode).FirstOrDefaultAsync();
                return i is not null && Roles.Operators.Any(user.IsInRole) && scope.Covers(i);
            case Modules.ServiceRequests.RequestFiles.OwnerType:
                // Files on a service request's timeline: the two parties and operators in scope (ServiceRequests module).
                return await Modules.ServiceRequests.RequestFiles.MaySeeAsync(user, file.OwnerId, db);
            default:
                return false;
        }
    }
}
