using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>What every service-request page shows: the item as heading, 状态：…, the status note, the facts and the timeline.</summary>
public abstract class RequestPageBase(IPage page)
{
    protected IPage Page => page;

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Status => page.GetByRole(AriaRole.Main).Locator("p").Filter(new() { HasTextRegex = new Regex("^\\s*状态：") });
    public ILocator Number => Detail("申请编号");

    /// <summary>The value shown for a term of the facts list (申请编号, 服务机构, 受理期限, 当前时限 …).</summary>
    public ILocator Detail(string term) =>
        page.GetByRole(AriaRole.Main).Locator("dl dt").Filter(new() { HasTextString = term }).Locator("xpath=following-sibling::dd[1]");

    /// <summary>办理记录: one list item per step.</summary>
    public ILocator Timeline => page.GetByRole(AriaRole.Main).Locator("ol.timeline > li");

    public ILocator ErrorNextTo(ILocator control) => new Layout(page).ErrorNextTo(control);

    protected async Task ClickAndLoadAsync(ILocator button)
    {
        await button.ClickAsync();
        await page.LoadedAsync();
    }
}

/// <summary>/enterprise/requests: 我的服务申请.</summary>
public sealed class EnterpriseRequestsPage(IPage page)
{
    public const string Path = "/enterprise/requests";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = "我的服务申请列表" });
    public ILocator Row(string number) => Table.Locator("tbody").GetByRole(AriaRole.Row).Filter(new() { HasText = number });
    public ILocator ViewLink(string number) =>
        page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^查看\\s*：{Regex.Escape(number)}$") });

    public async Task OpenAsync() => await page.GotoAsync(Path);

    public async Task OpenRequestAsync(string number)
    {
        await ViewLink(number).ClickAsync();
        await page.LoadedAsync();
    }
}

/// <summary>/enterprise/requests/{id}: the enterprise's request — withdraw, confirm or reopen, evaluate (好差评).</summary>
public sealed class EnterpriseRequestPage(IPage page) : RequestPageBase(page)
{
    public ILocator EvaluateHeading => Page.GetByRole(AriaRole.Heading, new() { Name = "评价本次服务", Exact = true });
    public ILocator ConfirmButton => Page.GetByRole(AriaRole.Button, new() { Name = "确认办结", Exact = true });

    /// <summary>One rating question (总体评价, 响应及时, 专业水平, 服务态度): a group of five radio buttons.</summary>
    public ILocator Rating(string question) => Page.GetByRole(AriaRole.Group, new() { Name = question, Exact = true });

    /// <summary>The choice "2 分 不满意" of a question.</summary>
    public ILocator Score(string question, int score) =>
        Rating(question).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{score} 分") });

    public ILocator Comment => Page.GetByRole(AriaRole.Textbox, new() { Name = "评价内容（可选）", Exact = true });
    public ILocator SubmitEvaluationButton => Page.GetByRole(AriaRole.Button, new() { Name = "提交评价", Exact = true });
    public ILocator MyEvaluationHeading => Page.GetByRole(AriaRole.Heading, new() { Name = "我的评价", Exact = true });
    public ILocator MyEvaluation => Page.GetByRole(AriaRole.Main).Locator(".evaluation");

    public async Task EvaluateAsync(int overall, int timeliness, int professionalism, int attitude, string comment)
    {
        await Score("总体评价", overall).CheckAsync();
        await Score("响应及时", timeliness).CheckAsync();
        await Score("专业水平", professionalism).CheckAsync();
        await Score("服务态度", attitude).CheckAsync();
        await Comment.FillAsync(comment);
        await ClickAndLoadAsync(SubmitEvaluationButton);
    }
}

/// <summary>/institution/requests: 收到的服务申请, sorted by time left, with the countdown in words.</summary>
public sealed class InstitutionRequestsPage(IPage page)
{
    public const string Path = "/institution/requests";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Filters => page.GetByRole(AriaRole.Search, new() { Name = "筛选服务申请" });
    public ILocator Query => Filters.GetByLabel("申请编号、服务名称或企业名称");
    public ILocator FilterButton => Filters.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true });
    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = "收到的服务申请，按剩余时限排列" });
    public ILocator Row(string number) => Table.Locator("tbody").GetByRole(AriaRole.Row).Filter(new() { HasText = number });

    /// <summary>The row's link: "受理：编号" while the request waits, "查看：编号" afterwards.</summary>
    public ILocator OpenLink(string number) =>
        page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^(受理|查看)\\s*：{Regex.Escape(number)}$") });

    public async Task OpenAsync() => await page.GotoAsync(Path);

    public async Task FindAsync(string query)
    {
        await Query.FillAsync(query);
        await FilterButton.ClickAsync();
        await page.LoadedAsync();
    }

    public async Task OpenRequestAsync(string number)
    {
        await OpenLink(number).ClickAsync();
        await page.LoadedAsync();
    }
}

/// <summary>/institution/requests/{id}: accept or decline, progress notes, completion.</summary>
public sealed class InstitutionRequestPage(IPage page) : RequestPageBase(page)
{
    public ILocator Countdown => Status.Locator("strong");
    public ILocator CompleteDueOn => Page.GetByLabel("预计办结日期", new() { Exact = true });
    public ILocator AcceptNote => Page.GetByLabel("受理说明（可选）", new() { Exact = true });
    public ILocator AcceptButton => Page.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true });
    public ILocator DeclineButton => Page.GetByRole(AriaRole.Button, new() { Name = "不予受理", Exact = true });
    public ILocator ProgressNote => Page.GetByRole(AriaRole.Textbox, new() { Name = "进展情况", Exact = true });
    public ILocator StatusNoteForEnterprise => Page.GetByLabel("给企业的状态说明（可选）", new() { Exact = true });
    public ILocator RecordProgressButton => Page.GetByRole(AriaRole.Button, new() { Name = "记录进展", Exact = true });
    public ILocator CompletionNote => Page.GetByLabel("办结说明（可选）", new() { Exact = true });
    public ILocator CompleteButton => Page.GetByRole(AriaRole.Button, new() { Name = "办结", Exact = true });

    public async Task AcceptAsync(string note)
    {
        await AcceptNote.FillAsync(note);
        await ClickAndLoadAsync(AcceptButton);
    }

    public async Task RecordProgressAsync(string note, string statusNote)
    {
        await ProgressNote.FillAsync(note);
        await StatusNoteForEnterprise.FillAsync(statusNote);
        await ClickAndLoadAsync(RecordProgressButton);
    }

    public async Task CompleteAsync(string note)
    {
        await CompletionNote.FillAsync(note);
        await ClickAndLoadAsync(CompleteButton);
    }
}

/// <summary>/review/follow-ups: 差评回访 of the operator's region, each with its call-back form.</summary>
public sealed class FollowUpsPage(IPage page)
{
    public const string Path = "/review/follow-ups";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Scope => page.GetByText("数据范围：");
    public ILocator StatusFilter => page.GetByRole(AriaRole.Main).GetByLabel("状态", new() { Exact = true });
    public ILocator FilterButton => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true });

    /// <summary>The follow-up task of one request: a list item headed by the request number and item title.</summary>
    public ILocator Entry(string number) => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem)
        .Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Level = 2 }).Filter(new() { HasText = number }) });

    public static ILocator Detail(ILocator task, string term) =>
        task.Locator("dl dt").Filter(new() { HasTextString = term }).Locator("xpath=following-sibling::dd[1]");

    public static ILocator CalledAt(ILocator task) => task.GetByLabel("回访时间");
    public static ILocator Outcome(ILocator task) => task.GetByRole(AriaRole.Combobox, new() { Name = "回访结果", Exact = true });
    public static ILocator Note(ILocator task) => task.GetByRole(AriaRole.Textbox, new() { Name = "回访情况", Exact = true });
    public static ILocator SaveButton(ILocator task) => task.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^保存回访记录") });

    public async Task OpenAsync() => await page.GotoAsync(Path);

    public async Task FilterAsync(string statusLabel)
    {
        await StatusFilter.SelectOptionAsync(new SelectOptionValue { Label = statusLabel });
        await FilterButton.ClickAsync();
        await page.LoadedAsync();
    }

    public async Task RecordCallbackAsync(ILocator task, string outcome, string note)
    {
        await Outcome(task).SelectOptionAsync(new SelectOptionValue { Label = outcome });
        await Note(task).FillAsync(note);
        await SaveButton(task).ClickAsync();
        await page.LoadedAsync();
    }
}
