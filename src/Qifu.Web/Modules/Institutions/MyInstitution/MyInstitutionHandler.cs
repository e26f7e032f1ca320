using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Institutions.ApplyToJoin;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Database;

namespace Qifu.Web.Modules.Institutions.MyInstitution;

/// <summary>The institution's own side: while a draft or after a rejection it corrects its application and submits it.</summary>
public sealed class MyInstitutionHandler(AppDbContext db, QualificationFiles qualifications, AuditTrail audit, TimeProvider clock)
{
    public async Task<Institution?> FindOwnAsync(ClaimsPrincipal user) =>
        CurrentUser.InstitutionId(user) is { } id ? await db.Institutions.FirstOrDefaultAsync(i => i.Id == id) : null;

    /// <summary>New qualification files, if any, replace the earlier ones.</summary>
    public async Task<Institution?> UpdateAsync(ClaimsPrincipal user, InstitutionProfileInput input, IReadOnlyList<IFormFile> files, bool submit)
    {
        var institution = await FindOwnAsync(user);
        if (institution is null) return null;
        institution.EnsureEditable();
        var profile = await ApplyToJoinHandler.CheckProfileAsync(db, input, institution.Id);
        // Files first: a refused file must leave the tracked institution (which the page shows again) untouched.
        var added = await qualifications.SaveAsync(files, institution.Id, CurrentUser.Id(user));
        var before = institution.Snapshot();
        ApplyToJoinHandler.Apply(institution, profile);
        if (submit) institution.Submit(clock.GetUtcNow().UtcDateTime);
        var replaced = added.Count > 0 ? await qualifications.ListAsync(institution.Id, tracked: true) : [];
        db.Files.RemoveRange(replaced);
        db.Files.AddRange(added);
        audit.Record(submit ? "修改后提交入驻申请" : "保存入驻草稿", InstitutionsModule.AuditEntityType, institution.Id, institution.RegionCode, before, institution.Snapshot(),
            added.Count > 0 ? $"更换资质证明为 {added.Count} 个文件" : null);
        try { await db.SaveChangesAsync(); }
        catch
        {
            qualifications.Discard(added);
            throw;
        }
        qualifications.Discard(replaced);
        return institution;
    }
}
