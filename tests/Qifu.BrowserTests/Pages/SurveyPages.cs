using Microsoft.Playwright;

namespace Qifu.BrowserTests.Pages;

/// <summary>The operator's survey pages: /manage/surveys, the batch form and page, the results.</summary>
public sealed class SurveyManagePages(IPage page)
{
    public Task OpenListAsync() => page.GotoAsync("/manage/surveys");
    public ILocator NewBatchLink => page.GetByRole(AriaRole.Link, new() { Name = "新建批次", Exact = true });
    public ILocator Questionnaire => page.GetByLabel("问卷", new() { Exact = false }).First;
    public ILocator BatchTitle => page.GetByLabel("批次名称");
    public ILocator ClosesAt => page.GetByLabel("截止时间（北京时间）");
    public ILocator CreateButton => page.GetByRole(AriaRole.Button, new() { Name = "创建批次草稿" });
    public ILocator OpenButton => page.GetByRole(AriaRole.Button, new() { Name = "开启批次" });
    public ILocator ResultsLink => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "查看结果", Exact = true });
    public ILocator ResponseCount => page.Locator("#response-count strong");

    /// <summary>The results table row of one option of a question ("3. …"), and its bar in the chart.</summary>
    public ILocator ResultSection(string questionTitle) =>
        page.Locator("section.survey-result").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(questionTitle)) }) });

    public ILocator CountCell(string questionTitle, string option) =>
        ResultSection(questionTitle).GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = option, Exact = true }) }).GetByRole(AriaRole.Cell).First;

    public ILocator Bar(string questionTitle, string optionKeyCount) => ResultSection(questionTitle).Locator($"svg.survey-chart rect[data-count='{optionKeyCount}']");
}

/// <summary>The enterprise's survey pages: /enterprise/surveys and the answer form.</summary>
public sealed class SurveyAnswerPages(IPage page)
{
    public Task OpenListAsync() => page.GotoAsync("/enterprise/surveys");
    public ILocator BatchLink(string title) => page.GetByRole(AriaRole.Link).Filter(new() { HasText = title });
    public ILocator Question(string title) => page.Locator("fieldset").Filter(new() { Has = page.Locator("legend", new() { HasText = title }) });
    public ILocator Choice(string questionTitle, string option) => Question(questionTitle).GetByLabel(option, new() { Exact = true });
    public ILocator MatrixCell(string row, string column) => page.GetByRole(AriaRole.Radio, new() { Name = $"{row}：{column}", Exact = true });
    public ILocator Field(string label) => page.GetByLabel(label);
    public ILocator SubmitButton => page.GetByRole(AriaRole.Button, new() { Name = "提交答卷" });
    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "保存修改" });
}
