using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Qifu.Web.Platform.Web;

/// <summary>
/// An error summary only when there is something to say: the built-in one renders an empty list with an inline
/// display:none style, which our content security policy (no inline styles) refuses.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    public override int Order => 1000; // after the built-in summary

    [HtmlAttributeName("asp-validation-summary")] public ValidationSummary Mode { get; set; }
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        var hasErrors = Mode == ValidationSummary.ModelOnly
            ? state.TryGetValue(string.Empty, out var root) && root.Errors.Count > 0
            : !state.IsValid;
        if (!hasErrors) output.SuppressOutput();
    }
}

/// <summary>
/// Ties a field to its error for screen readers: aria-invalid on the field and aria-describedby pointing at the
/// message next to it (WCAG 3.3.1), which the built-in tag helpers do not do.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        var errorId = ErrorMessageTagHelper.IdFor(name);
        var described = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value + " " + errorId : errorId;
        output.Attributes.SetAttribute("aria-describedby", described);
    }
}

[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ErrorMessageTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public static string IdFor(string fullName) => TagBuilder.CreateSanitizedId(fullName, "_") + "-error";

    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        output.Attributes.SetAttribute("id", IdFor(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name)));
}
