using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/register/institution: 服务机构入驻申请 (login account, institution profile, qualification files).</summary>
public sealed class RegisterInstitutionPage(IPage page)
{
    public const string Path = "/register/institution";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Phone => page.GetByRole(AriaRole.Textbox, new() { Name = "登录手机号", Exact = true });
    public ILocator Password => page.GetByLabel("密码");
    public ILocator CreditCode => page.GetByRole(AriaRole.Textbox, new() { Name = "统一社会信用代码", Exact = true });
    public ILocator Name => page.GetByRole(AriaRole.Textbox, new() { Name = "机构名称", Exact = true });
    public ILocator Kind => page.GetByRole(AriaRole.Combobox, new() { Name = "机构类型", Exact = true });
    public ILocator Region => page.GetByRole(AriaRole.Combobox, new() { Name = "机构所在区县", Exact = true });
    public ILocator StaffCount => page.GetByRole(AriaRole.Spinbutton, new() { Name = "服务人员（人）", Exact = true });
    public ILocator Categories => page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^服务类别") });
    public ILocator ServiceRegions => page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^服务区域") });
    public ILocator FeePolicy => page.GetByRole(AriaRole.Textbox, new() { Name = "面向小微企业的收费优惠政策", Exact = true });
    public ILocator Introduction => page.GetByRole(AriaRole.Textbox, new() { Name = "机构简介", Exact = true });
    public ILocator ContactName => page.GetByRole(AriaRole.Textbox, new() { Name = "联系人", Exact = true });
    public ILocator ContactPhone => page.GetByRole(AriaRole.Textbox, new() { Name = "联系电话", Exact = true });
    public ILocator Qualifications => page.GetByLabel("上传资质证明（可选）");
    public ILocator Consent => page.GetByRole(AriaRole.Checkbox, new() { Name = "我已阅读并同意" });
    public ILocator SubmitButton => page.GetByRole(AriaRole.Button, new() { Name = "提交入驻申请", Exact = true });
    public ILocator SaveDraftButton => page.GetByRole(AriaRole.Button, new() { Name = "保存草稿", Exact = true });

    public async Task OpenAsync() => await page.GotoAsync(Path);

    public async Task FillAsync(InstitutionApplicant a, string qualificationFile)
    {
        await Phone.FillAsync(a.Phone);
        await Password.FillAsync(a.Password);
        await CreditCode.FillAsync(a.CreditCode);
        await Name.FillAsync(a.Name);
        await Kind.SelectOptionAsync(new SelectOptionValue { Label = a.KindLabel });
        await Region.SelectOptionAsync(new SelectOptionValue { Label = a.RegionName });
        await StaffCount.FillAsync(a.StaffCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var c in a.Categories) await Categories.GetByRole(AriaRole.Checkbox, new() { Name = c, Exact = true }).CheckAsync();
        foreach (var r in a.ServiceRegions) await ServiceRegions.GetByRole(AriaRole.Checkbox, new() { Name = r, Exact = true }).CheckAsync();
        await FeePolicy.FillAsync(a.FeePolicy);
        await Introduction.FillAsync(a.Introduction);
        await ContactName.FillAsync(a.ContactName);
        await ContactPhone.FillAsync(a.ContactPhone);
        await Qualifications.SetInputFilesAsync(qualificationFile);
        await Consent.CheckAsync();
    }

    /// <summary>Submits for review and returns the status of the POST's answer.</summary>
    public async Task<int> SubmitAsync()
    {
        var response = await page.RunAndWaitForResponseAsync(() => SubmitButton.ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains(Path, StringComparison.Ordinal));
        await page.LoadedAsync();
        return response.Status;
    }
}
