using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Registration;

namespace Qifu.Web.Modules.Portal;

public sealed record Figure(string Label, int? Value, string Unit, string Note);

/// <summary>
/// The six headline figures of the centre, live from the database. Figures whose module has not landed yet
/// are shown as "建设中" rather than as a made-up number.
/// </summary>
public sealed class HeadlineFigures(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<Figure>> ForAsync(string? regionCode)
    {
        var institutions = db.Institutions.Where(i => i.ApprovedAt != null);
        var enterprises = db.Enterprises.Where(e => e.Status == RegistrationStatus.Approved);
        // Ever published (an item later taken off the shelf still counts, DOMAIN.md §1.5); by the institution's region.
        var items = db.ServiceItems.Where(i => i.PublishedAt != null);
        // A service process with a recorded evaluation, by the enterprise's region.
        var evaluated = db.Evaluations.AsQueryable();
        // Published articles whose time has come (a scheduled one counts from its publish time).
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = db.Articles.Where(a => a.Status == Content.Data.ArticleStatus.Published && a.PublishAt <= now);
        // Activities held: finished, or published and over.
        var held = db.Activities.Where(a => a.Status == Activities.Data.ActivityStatus.Finished
            || (a.Status == Activities.Data.ActivityStatus.Published && a.EndsAt < now));
        if (regionCode is not null)
        {
            institutions = institutions.Where(i => i.RegionCode == regionCode);
            enterprises = enterprises.Where(e => e.RegionCode == regionCode);
            items = items.Where(i => i.RegionCode == regionCode);
            evaluated = evaluated.Where(e => e.RegionCode == regionCode);
            articles = articles.Where(a => a.RegionCode == regionCode);
            held = held.Where(a => a.RegionCode == regionCode);
        }
        return
        [
            new("服务机构注册量", await institutions.CountAsync(), "家", "入驻审核通过的服务机构"),
            new("服务项目发布量", await items.CountAsync(), "项", "经审核发布过的服务项目"),
            new("企业注册量", await enterprises.CountAsync(), "家", "审核通过的企业"),
            new("活动组织次数", await held.CountAsync(), "次", "已举办的培训、宣讲、对接等活动"),
            new("服务过程及评价", await evaluated.CountAsync(), "次", "有办理记录并经企业评价的服务"),
            new("新闻信息量", await articles.CountAsync(), "条", "已发布的新闻、通知、政策、解读和案例"),
        ];
    }
}
