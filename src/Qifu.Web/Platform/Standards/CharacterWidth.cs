namespace Qifu.Web.Platform.Standards;

internal static class CharacterWidth
{
    // Chinese input methods often type codes and digits in full-width form (Ａ, ９, －, ideographic space).
    public static string ToHalfWidth(string input)
    {
        return string.Create(input.Length, input, static (buffer, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                buffer[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                };
            }
        });
    }
}
