using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Catalogue.ShowItem;

public sealed record ShownItem(ServiceItem Item, Institution Institution, ItemView View, IReadOnlyList<ServiceItem> MoreFromInstitution);

/// <summary>What anyone may see: published items of institutions that are still approved; contacts masked.</summary>
public sealed class PublicItems(AppDbContext db, ItemAttachments attachments)
{
    public async Task<ShownItem?> FindAsync(Guid id)
    {
        var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.Status == ItemStatus.Published);
        if (item is null) return null;
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == item.InstitutionId && i.Status == RegistrationStatus.Approved);
        if (institution is null) return null;
        var more = await db.ServiceItems.AsNoTracking()
            .Where(i => i.InstitutionId == institution.Id && i.Status == ItemStatus.Published && i.Id != id)
            .OrderByDescending(i => i.PublishedAt).ThenBy(i => i.Id).Take(5).ToListAsync();
        return new ShownItem(item, institution, ItemView.Of(item, institution.Name, fullContact: false, await attachments.ListAsync(id)), more);
    }
}
