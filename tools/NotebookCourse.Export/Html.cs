using System.Text;
using System.Text.RegularExpressions;

namespace NotebookCourse.Export;

/// <summary>HTML text helpers: every piece of notebook text that is not trusted HTML goes through <see cref="Escape"/>.</summary>
internal static partial class Html
{
    /// <summary>Escapes text for use in element content or a quoted attribute (&amp; &lt; &gt; " ').</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Escapes program output, first dropping terminal colour codes (ESC [ ... m) that a browser would show as junk.</summary>
    public static string EscapeOutput(string text) => Escape(AnsiCodes().Replace(text, ""));

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiCodes();
}
