using Qifu.Web.Modules.Accounts;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Platform.Web;

/// <summary>What the shared layout needs on every page: who is signed in, the elder mode, the county sites.</summary>
public sealed class LayoutModel(IHttpContextAccessor http, Database.AppDbContext db, Notifications.UnreadCounts unread)
{
    public const string ElderCookie = "qifu.elder";

    public bool IsSignedIn => http.HttpContext?.User.Identity?.IsAuthenticated == true;
    public string UserName => IsSignedIn ? CurrentUser.Name(http.HttpContext!.User) : "";
    public bool IsElderMode => http.HttpContext?.Request.Cookies[ElderCookie] == "1";
    public IEnumerable<Region> Sites => RegionCodes.Hengyang;
    public bool HasTempData => http.HttpContext?.Request.Cookies.ContainsKey(".AspNetCore.Mvc.CookieTempDataProvider") == true;

    /// <summary>Unread inbox messages (站内信), kept a few seconds (<see cref="Notifications.UnreadCounts"/>); 0 when the database cannot be reached, so the error page still renders.</summary>
    public async Task<int> UnreadAsync()
    {
        if (!IsSignedIn) return 0;
        try
        {
            var id = CurrentUser.Id(http.HttpContext!.User);
            return await unread.GetAsync(id, () => Notifications.UnreadCounts.CountAsync(db, id));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return 0;
        }
    }
    /// <summary>The address the user asked for, also on a re-executed error page (where Request.Path is /error/404).</summary>
    public string CurrentPath
    {
        get
        {
            if (http.HttpContext is not { } c) return "/";
            if (c.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } original)
                return original.OriginalPath + original.OriginalQueryString;
            return c.Request.Path + c.Request.QueryString;
        }
    }
}
