using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>The company fields shared by registration and by correction after a rejection (_EnterpriseProfileFields).</summary>
public class EnterpriseProfileForm(IPage page)
{
    protected IPage Page => page;

    public ILocator CreditCode => page.GetByRole(AriaRole.Textbox, new() { Name = "统一社会信用代码", Exact = true });
    public ILocator Name => page.GetByRole(AriaRole.Textbox, new() { Name = "企业名称", Exact = true });
    public ILocator LegalRepresentative => page.GetByRole(AriaRole.Textbox, new() { Name = "法定代表人", Exact = true });
    public ILocator Region => page.GetByRole(AriaRole.Combobox, new() { Name = "经营所在区县", Exact = true });
    public ILocator Industry => page.GetByRole(AriaRole.Combobox, new() { Name = "所属行业（国民经济行业分类大类）", Exact = true });
    public ILocator Employees => page.GetByRole(AriaRole.Spinbutton, new() { Name = "从业人员（人）", Exact = true });
    public ILocator Revenue => page.GetByRole(AriaRole.Spinbutton, new() { Name = "上年营业收入（万元）", Exact = true });
    public ILocator Assets => page.GetByRole(AriaRole.Spinbutton, new() { Name = "资产总额（万元）", Exact = true });
    public ILocator ContactName => page.GetByRole(AriaRole.Textbox, new() { Name = "联系人", Exact = true });
    public ILocator ContactPhone => page.GetByRole(AriaRole.Textbox, new() { Name = "联系电话", Exact = true });
    public ILocator ErrorSummary => page.Locator(".error-summary");

    /// <summary>The error text shown in the same field block as the control (next to the field).</summary>
    public ILocator ErrorNextTo(ILocator control) => new Layout(page).ErrorNextTo(control);

    public async Task FillProfileAsync(EnterpriseApplicant a)
    {
        await CreditCode.FillAsync(a.CreditCode);
        await Name.FillAsync(a.Name);
        await LegalRepresentative.FillAsync(a.LegalRepresentative);
        await Region.SelectOptionAsync(new SelectOptionValue { Label = a.RegionName });
        await Industry.SelectOptionAsync(a.IndustryDivision);
        await Employees.FillAsync(a.Employees.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Revenue.FillAsync(a.RevenueWan.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assets.FillAsync(a.AssetsWan.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ContactName.FillAsync(a.ContactName);
        await ContactPhone.FillAsync(a.ContactPhone);
    }
}
