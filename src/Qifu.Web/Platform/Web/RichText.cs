using System.Net;
using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Qifu.Web.Platform.Web;

/// <summary>
/// Rich text (service descriptions, articles) is sanitised when it is saved, with an allow-list (SECURITY.md EN-03):
/// what is stored is what is shown, and sanitising it again changes nothing.
/// </summary>
public static partial class RichText
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    private static HtmlSanitizer Create()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "h2", "h3", "h4", "strong", "em", "u", "s", "ul", "ol", "li", "a", "img", "table", "thead", "tbody",
                     "tr", "th", "td", "caption", "blockquote", "br" })
            s.AllowedTags.Add(tag);
        s.AllowedAttributes.Clear();
        foreach (var attribute in new[] { "href", "src", "alt", "title", "colspan", "rowspan", "scope" }) s.AllowedAttributes.Add(attribute);
        s.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) s.AllowedSchemes.Add(scheme);
        s.AllowedCssProperties.Clear();
        s.AllowedAtRules.Clear();
        s.AllowDataAttributes = false;
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a)
            {
                a.SetAttribute("rel", "noopener noreferrer");
            }
            // Images only from our own upload path: no tracking pixels, no mixed content.
            if (e.Node is AngleSharp.Html.Dom.IHtmlImageElement img && !(img.GetAttribute("src") ?? "").StartsWith("/files/", StringComparison.Ordinal))
                img.Remove();
        };
        return s;
    }

    /// <summary>Sanitises HTML. Plain text (no tags) becomes paragraphs, one per blank-line separated block.</summary>
    public static string Sanitize(string? input)
    {
        var text = (input ?? "").Replace("\r\n", "\n").Trim();
        if (text.Length == 0) return "";
        if (!LooksLikeHtml().IsMatch(text))
            text = string.Join("", text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(p => "<p>" + WebUtility.HtmlEncode(p.Trim()).Replace("\n", "<br>") + "</p>"));
        return Sanitizer.Sanitize(text).Trim();
    }

    /// <summary>The words without markup, for search documents, snippets and length checks.</summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var noTags = Tags().Replace(html, " ");
        return Spaces().Replace(WebUtility.HtmlDecode(noTags), " ").Trim();
    }

    [GeneratedRegex("<[a-zA-Z/!]")]
    private static partial Regex LooksLikeHtml();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
