using System.Net;
using System.Text;

namespace Qifu.Web.Modules.Search.Engine;

/// <summary>
/// Marks query words by plain substring search. Lucene's Highlighter re-analyses every hit and cost more than the search itself
/// (PERF-BASELINE §3.7: throughput fell 6×); with bigram recall a match is a substring anyway, so IndexOf finds what the index found.
/// Everything outside the marks is HTML-encoded, so the output is safe to write as HTML.
/// </summary>
public static class Highlights
{
    public const int SnippetLength = 120;

    /// <summary>Characters shown before the first hit, so the hit reads in context.</summary>
    private const int Lead = 30;

    public static string Mark(string text, IReadOnlyList<string> terms) => Encode(text, 0, text.Length, terms, false, false);

    /// <summary>About <see cref="SnippetLength"/> characters around the first hit, or the start of the text when nothing matches.</summary>
    public static string Snippet(string text, IReadOnlyList<string> terms, int length = SnippetLength)
    {
        if (text.Length == 0) return "";
        var first = -1;
        foreach (var term in terms)
        {
            var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        var start = first <= Lead ? 0 : first - Lead;
        var end = Math.Min(text.Length, start + length);
        if (end - start < length) start = Math.Max(0, end - length);
        // Never cut a surrogate pair in half.
        if (start > 0 && char.IsLowSurrogate(text[start])) start++;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
        return Encode(text, start, end, terms, start > 0, end < text.Length);
    }

    private static string Encode(string text, int start, int end, IReadOnlyList<string> terms, bool before, bool after)
    {
        var ranges = new List<(int From, int To)>();
        foreach (var term in terms)
        {
            if (term.Length == 0) continue;
            // A hit that starts just before the window still shows its visible part marked.
            var at = Math.Max(0, start - term.Length + 1);
            while (at < end && (at = text.IndexOf(term, at, end - at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                ranges.Add((Math.Max(at, start), Math.Min(at + term.Length, end)));
                at += term.Length;
            }
        }
        ranges.Sort((a, b) => a.From.CompareTo(b.From));
        var html = new StringBuilder((end - start) + 32);
        if (before) html.Append('…');
        var position = start;
        for (var i = 0; i < ranges.Count; i++)
        {
            var (from, to) = ranges[i];
            // Overlapping or touching hits (融资 and 资金 in 融资金) become one mark.
            while (i + 1 < ranges.Count && ranges[i + 1].From <= to) to = Math.Max(to, ranges[++i].To);
            if (from < position) from = position;
            if (to <= from) continue;
            AppendPlain(html, text, position, from);
            html.Append("<mark>");
            AppendPlain(html, text, from, to);
            html.Append("</mark>");
            position = to;
        }
        AppendPlain(html, text, position, end);
        if (after) html.Append('…');
        return html.ToString();
    }

    private static void AppendPlain(StringBuilder html, string text, int from, int to)
    {
        if (to > from) html.Append(WebUtility.HtmlEncode(text.Substring(from, to - from)));
    }
}
