using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>/enterprise/needs/new: the need form, then the 先看看现成的服务 step.</summary>
public sealed class NewNeedPage(IPage page)
{
    public const string Path = "/enterprise/needs/new";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Category => page.Locator("#Input_CategoryCode");
    public ILocator Title => page.Locator("#Input_Title");
    public ILocator Description => page.Locator("#Input_Description");
    public ILocator Budget => page.Locator("#Input_Budget");
    public ILocator MatchingItems => page.Locator("ol.search-results article.search-hit");

    public Task OpenAsync() => page.GotoAsync(Path);

    public async Task FillAsync(string categoryName, string title, string description, string budget)
    {
        await Category.SelectOptionAsync(new SelectOptionValue { Label = categoryName });
        await Title.FillAsync(title);
        await Description.FillAsync(description);
        await Budget.FillAsync(budget);
    }

    public Task NextAsync() => page.GetByRole(AriaRole.Button, new() { Name = "下一步：先看看现成的服务" }).ClickAsync();

    public Task PostAnywayAsync() => page.GetByRole(AriaRole.Button, new() { Name = "仍要发布需求" }).ClickAsync();
}

/// <summary>/enterprise/needs/{id}: the need with its status and the proposals side by side.</summary>
public sealed class EnterpriseNeedPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Main).Locator("p.status-line");
    public ILocator Comparison => page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^各服务机构的方案") });

    public Task PickAsync(string institution) =>
        page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^选择此方案\\s*：{Regex.Escape(institution)}$") }).ClickAsync();
}

/// <summary>/enterprise/needs/{id}/pick/{proposalId}: contact and the separate consent.</summary>
public sealed class PickProposalPage(IPage page)
{
    public ILocator Consent => page.Locator("#Input_Consent");

    public Task SubmitAsync() => page.GetByRole(AriaRole.Button, new() { Name = "选择此方案并生成服务申请" }).ClickAsync();
}

/// <summary>/manage/needs and /manage/needs/{id}: the moderation queue and one need.</summary>
public sealed class ManageNeedsPage(IPage page)
{
    public Task OpenQueueAsync() => page.GotoAsync("/manage/needs?Status=PendingReview");

    public Task OpenAsync(string title) => page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();

    public Task ApproveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "审核通过并发布" }).ClickAsync();

    public ILocator Status => page.GetByRole(AriaRole.Main).Locator("p.status-line");
}

/// <summary>/institution/needs and /institution/needs/{id}: needs to answer and the proposal form.</summary>
public sealed class InstitutionNeedsPage(IPage page)
{
    public Task OpenListAsync() => page.GotoAsync("/institution/needs");

    public Task OpenAsync(string title) => page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();

    public async Task ProposeAsync(string scope, string price, string days)
    {
        var item = page.Locator("#Input_ItemId");
        if (string.IsNullOrEmpty(await item.InputValueAsync()))
            await item.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#Input_Scope").FillAsync(scope);
        await page.Locator("#Input_Price").FillAsync(price);
        await page.Locator("#Input_DaysNeeded").FillAsync(days);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交方案" }).ClickAsync();
    }
}
