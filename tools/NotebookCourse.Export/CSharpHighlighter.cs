using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotebookCourse.Export;

/// <summary>
/// Highlights C# notebook code without JavaScript: Roslyn parses the cell (as a script, so <c>#r</c>
/// lines are directives) and each token becomes a <c>&lt;span class="tok-…"&gt;</c>. Each line is a
/// <c>&lt;span class="line"&gt;</c> that knows its indentation, so that a printed page can wrap a long line
/// with a hanging indent.
/// </summary>
internal static class CSharpHighlighter
{
    /// <summary>CSS class of keywords (<c>var</c>, <c>new</c>, <c>for</c>, …).</summary>
    public const string Keyword = "tok-keyword";

    /// <summary>CSS class of type names where the syntax shows a type is meant.</summary>
    public const string Type = "tok-type";

    /// <summary>CSS class of the names of called methods.</summary>
    public const string Method = "tok-method";

    /// <summary>CSS class of string and character literals, including interpolated strings.</summary>
    public const string String = "tok-string";

    /// <summary>CSS class of numeric literals.</summary>
    public const string Number = "tok-number";

    /// <summary>CSS class of comments and code disabled by <c>#if</c>.</summary>
    public const string Comment = "tok-comment";

    /// <summary>CSS class of directives: <c>#r</c>, <c>#load</c>, <c>#if</c>, and .NET Interactive's <c>#!</c> magic commands.</summary>
    public const string Preprocessor = "tok-preprocessor";

    private static readonly CSharpParseOptions ScriptOptions =
        CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);

    /// <summary>CSS class of each line; its <c>--indent</c> property is the line's indentation in characters (a tab counts 4).</summary>
    public const string Line = "line";

    /// <summary>Returns the HTML (escaped text with highlight spans, one line span per line) for the C# <paramref name="code"/>.</summary>
    public static string ToHtml(string code) => SplitLines(Highlight(code), code);

    /// <summary>
    /// Wraps each line of <paramref name="html"/> (the escaped, highlighted <paramref name="code"/>) in a line span
    /// holding its newline; a token that runs over several lines (a block comment, a raw string) is closed at
    /// each line's end and opened again on the next, so every line span is whole.
    /// </summary>
    public static string SplitLines(string html, string code)
    {
        var indents = code.Split('\n').Select(Indentation).ToList();
        var result = new StringBuilder(html.Length + 40 * indents.Count);
        var open = new List<string>();
        var line = 0;
        StartLine(result, indents[0], open);
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                var tag = html[i..(end + 1)];
                if (tag.StartsWith("</", StringComparison.Ordinal))
                {
                    open.RemoveAt(open.Count - 1);
                }
                else
                {
                    open.Add(tag);
                }

                result.Append(tag);
                i = end;
            }
            else if (c == '\n')
            {
                result.Append('\n');
                result.Insert(result.Length, "</span>", open.Count + 1);
                line++;
                StartLine(result, indents[line], open);
            }
            else
            {
                result.Append(c);
            }
        }

        result.Insert(result.Length, "</span>", open.Count + 1);
        return result.ToString();
    }

    private static void StartLine(StringBuilder html, int indent, List<string> open)
    {
        html.Append("<span class=\"").Append(Line).Append('"');
        if (indent > 0)
        {
            html.Append(" style=\"--indent:").Append(indent.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('"');
        }

        html.Append('>');
        foreach (var tag in open)
        {
            html.Append(tag);
        }
    }

    // Leading spaces of a line, a tab counting 4, capped so a deeply indented line still wraps usefully.
    private static int Indentation(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                width++;
            }
            else if (c == '\t')
            {
                width += 4;
            }
            else
            {
                break;
            }
        }

        return Math.Min(width, 40);
    }

    private static string Highlight(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ScriptOptions);
        var html = new StringBuilder(code.Length * 2);
        foreach (var token in tree.GetRoot().DescendantTokens(descendIntoTrivia: false))
        {
            AppendTrivia(html, token.LeadingTrivia);
            Append(html, token.Text, ClassOf(token));
            AppendTrivia(html, token.TrailingTrivia);
        }

        return html.ToString();
    }

    private static void AppendTrivia(StringBuilder html, SyntaxTriviaList trivia)
    {
        foreach (var item in trivia)
        {
            var text = item.ToFullString();
            if (item.IsDirective || item.IsKind(SyntaxKind.BadDirectiveTrivia) || item.IsKind(SyntaxKind.ShebangDirectiveTrivia))
            {
                // A directive's text ends with its line break; keep that outside the span.
                var body = text.TrimEnd('\r', '\n');
                Append(html, body, Preprocessor);
                html.Append(Html.Escape(text[body.Length..]));
            }
            else if (item.IsKind(SyntaxKind.SingleLineCommentTrivia) || item.IsKind(SyntaxKind.MultiLineCommentTrivia)
                || item.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || item.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)
                || item.IsKind(SyntaxKind.DisabledTextTrivia))
            {
                Append(html, text, Comment);
            }
            else
            {
                html.Append(Html.Escape(text));
            }
        }
    }

    private static void Append(StringBuilder html, string text, string? cssClass)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (cssClass is null)
        {
            html.Append(Html.Escape(text));
            return;
        }

        html.Append("<span class=\"").Append(cssClass).Append("\">").Append(Html.Escape(text)).Append("</span>");
    }

    private static string? ClassOf(SyntaxToken token)
    {
        var kind = token.Kind();
        if (SyntaxFacts.IsKeywordKind(kind))
        {
            return Keyword;
        }

        switch (kind)
        {
            case SyntaxKind.NumericLiteralToken:
                return Number;
            case SyntaxKind.StringLiteralToken:
            case SyntaxKind.CharacterLiteralToken:
            case SyntaxKind.InterpolatedStringStartToken:
            case SyntaxKind.InterpolatedStringEndToken:
            case SyntaxKind.InterpolatedStringTextToken:
            case SyntaxKind.InterpolatedVerbatimStringStartToken:
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
            case SyntaxKind.InterpolatedMultiLineRawStringStartToken:
            case SyntaxKind.InterpolatedRawStringEndToken:
            case SyntaxKind.Utf8StringLiteralToken:
            case SyntaxKind.Utf8SingleLineRawStringLiteralToken:
            case SyntaxKind.Utf8MultiLineRawStringLiteralToken:
                return String;
            case SyntaxKind.IdentifierToken:
                return ClassOfIdentifier(token);
            default:
                return null;
        }
    }

    private static string? ClassOfIdentifier(SyntaxToken token)
    {
        var parent = token.Parent;
        switch (parent)
        {
            case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or TypeParameterSyntax:
                return Type;
            case MethodDeclarationSyntax or LocalFunctionStatementSyntax:
                return Method;
            case SimpleNameSyntax name:
                if (name.IsVar || (SyntaxFacts.IsInTypeOnlyContext(name) && token.ValueText is "dynamic" or "nint" or "nuint"))
                {
                    return Keyword;
                }

                if (SyntaxFacts.IsInTypeOnlyContext(name))
                {
                    return Type;
                }

                if (IsCalled(name))
                {
                    return token.ValueText == "nameof" && name.Parent is InvocationExpressionSyntax ? Keyword : Method;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsCalled(SimpleNameSyntax name)
    {
        ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee;
    }
}
