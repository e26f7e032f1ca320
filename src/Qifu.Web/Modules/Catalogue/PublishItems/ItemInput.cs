using System.ComponentModel.DataAnnotations;
using Qifu.Web.Modules.Catalogue.Data;

namespace Qifu.Web.Modules.Catalogue.PublishItems;

/// <summary>A service item as the institution writes it; the same shape for a new item and for an edit.</summary>
public record ItemInput
{
    [Required(ErrorMessage = "请填写服务名称")]
    [StringLength(100, MinimumLength = 2, ErrorMessage = "服务名称应为2至100字")]
    public string Title { get; init; } = "";

    [Required(ErrorMessage = "请选择服务类别")]
    public string CategoryCode { get; init; } = "";

    [Required(ErrorMessage = "请选择服务子类")]
    public string SubCategory { get; init; } = "";

    [Required(ErrorMessage = "请填写服务介绍")]
    [StringLength(20000, ErrorMessage = "服务介绍不能超过20000字")]
    public string Description { get; init; } = "";

    [Required(ErrorMessage = "请填写服务成果（交付内容）")]
    [StringLength(2000, ErrorMessage = "服务成果不能超过2000字")]
    public string Deliverables { get; init; } = "";

    [Required(ErrorMessage = "请选择收费方式")]
    public FeeType? FeeType { get; init; }

    /// <summary>Yuan. Empty for 面议; must be empty for 免费 and 公益.</summary>
    [Range(typeof(decimal), "0.01", "99999999", ErrorMessage = "价格应为0.01至99999999元")]
    public decimal? Price { get; init; }

    [Required(ErrorMessage = "请选择服务方式")]
    public ServiceMode? Mode { get; init; }

    [Required(ErrorMessage = "请至少选择一个服务区域")]
    [MinLength(1, ErrorMessage = "请至少选择一个服务区域")]
    public List<string> ServiceRegions { get; init; } = [];

    [Required(ErrorMessage = "请填写办理时限")]
    [Range(1, 365, ErrorMessage = "办理时限应为1至365个工作日")]
    public int? LeadTimeDays { get; init; }

    [Required(ErrorMessage = "请填写联系人")]
    [StringLength(50, ErrorMessage = "联系人不能超过50字")]
    public string ContactName { get; init; } = "";

    [Required(ErrorMessage = "请填写联系电话")]
    [StringLength(20, ErrorMessage = "联系电话不能超过20位")]
    public string ContactPhone { get; init; } = "";

    public static ItemInput From(ItemContent c) => new()
    {
        Title = c.Title, CategoryCode = c.CategoryCode, SubCategory = c.SubCategory, Description = c.Description, Deliverables = c.Deliverables,
        FeeType = c.FeeType, Price = c.Price, Mode = c.Mode, ServiceRegions = c.ServiceRegionCodes.ToList(), LeadTimeDays = c.LeadTimeDays,
        ContactName = c.ContactName, ContactPhone = c.ContactPhone,
    };
}

/// <summary>The API's form: the item plus whether to submit it for review now (false keeps a draft).</summary>
public sealed record ItemRequest : ItemInput
{
    public bool Submit { get; init; }
}
