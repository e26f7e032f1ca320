using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Administration.SignInLog;

/// <summary>登录日志: the latest sign-in attempts with outcome, IP and browser.</summary>
[Authorize(Policy = Permissions.ReadAudit)]
public sealed class SignInLogModel(AppDbContext db) : PageModel
{
    public List<SignInLogEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() =>
        Entries = await db.SignInLog.AsNoTracking().OrderByDescending(s => s.Id).Take(200).ToListAsync();
}
