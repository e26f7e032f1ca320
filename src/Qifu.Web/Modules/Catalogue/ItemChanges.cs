using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Catalogue;

public sealed record FieldChange(string Field, string Before, string After);

/// <summary>What a revision changes, field by field, in words a reviewer reads (the description as plain text).</summary>
public static class ItemChanges
{
    public static IReadOnlyList<FieldChange> Between(ItemContent live, ItemContent revised)
    {
        var fields = new (string Label, Func<ItemContent, string> Show)[]
        {
            ("服务名称", c => c.Title),
            ("服务类别", c => $"{ServiceCategories.NameOf(c.CategoryCode)} / {c.SubCategory}"),
            ("服务介绍", c => RichText.ToPlainText(c.Description)),
            ("服务成果", c => c.Deliverables),
            ("收费", ItemStatuses.PriceLabel),
            ("服务方式", c => ItemStatuses.Label(c.Mode)),
            ("服务区域", c => string.Join("、", c.ServiceRegionCodes.Select(RegionCodes.NameOf))),
            ("办理时限", c => $"{c.LeadTimeDays} 个工作日"),
            ("联系人", c => $"{c.ContactName} {c.ContactPhone}"),
        };
        return fields.Select(f => new FieldChange(f.Label, f.Show(live), f.Show(revised))).Where(c => c.Before != c.After).ToList();
    }
}
