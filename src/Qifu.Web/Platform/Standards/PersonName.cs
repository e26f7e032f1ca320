using System.Globalization;
using System.Text;

namespace Qifu.Web.Platform.Standards;

public static class PersonName
{
    /// <summary>Keeps the first character (usually the surname) and stars the rest: 张三 → 张*, 欧阳娜娜 → 欧***.</summary>
    public static string Mask(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "";
        }

        // Text elements, not chars: rare name characters (CJK Extension B+) are surrogate pairs.
        var elements = StringInfo.GetTextElementEnumerator(trimmed);
        elements.MoveNext();
        var builder = new StringBuilder(elements.GetTextElement());
        while (elements.MoveNext())
        {
            builder.Append('*');
        }
        return builder.ToString();
    }
}
