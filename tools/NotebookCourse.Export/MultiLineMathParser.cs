using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace NotebookCourse.Export;

/// <summary>
/// Formulas that run over several lines of a paragraph: <c>$a +\nb$</c> and <c>$$y_1 = …,\n y_2 = …$$</c>.
/// Markdig's math parser stops at a line end and leaves such a formula as raw TeX, while Jupyter and VS Code
/// typeset it; this parser, tried before Markdig's, takes only formulas that do span lines (one-line
/// formulas stay with Markdig's rules) and makes the same <see cref="MathInline"/> of them.
/// </summary>
/// <remarks>
/// The delimiters follow Markdig's and Pandoc's rules, so prices and stray dollar signs stay text: an opening
/// <c>$</c> follows a space, punctuation or the paragraph's start and is not followed by a digit; a closing
/// <c>$</c> is followed by a space, punctuation or the paragraph's end and, for <c>$…$</c>, follows no space
/// (nor does the opening one precede one). <c>\$</c> inside a formula is an escaped dollar. A paragraph never
/// holds a blank line, so a formula never runs across paragraphs.
/// </remarks>
internal sealed class MultiLineMathParser : InlineParser
{
    /// <summary>Creates the parser; it reacts to <c>$</c>.</summary>
    public MultiLineMathParser()
    {
        OpeningCharacters = ['$'];
    }

    /// <inheritdoc />
    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var open = slice.Start;
        var last = slice.End;
        var before = slice.PeekCharExtra(-1);
        if (before == '$' || !IsBoundary(before))
        {
            return false;
        }

        var dollars = open + 1 <= last && text[open + 1] == '$' ? 2 : 1;
        var contentStart = open + dollars;
        if (contentStart > last || text[contentStart] == '$' || char.IsDigit(text[contentStart])
            || (dollars == 1 && char.IsWhiteSpace(text[contentStart])))
        {
            return false;
        }

        var spansLines = false;
        for (var i = contentStart; i <= last; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++; // an escaped character, \$ included
                spansLines |= i <= last && text[i] == '\n';
                continue;
            }

            if (c == '\n')
            {
                spansLines = true;
                continue;
            }

            if (c != '$')
            {
                continue;
            }

            var run = 1;
            while (i + run <= last && text[i + run] == '$')
            {
                run++;
            }

            var after = i + run <= last ? text[i + run] : '\0';
            var closes = run == dollars && IsBoundary(after) && !char.IsDigit(after)
                && (dollars == 2 || !char.IsWhiteSpace(text[i - 1]));
            // The first dollar sign after the opening one decides: a formula on one line is Markdig's to
            // read, and one whose closing is malformed stays text, as Markdig would leave it.
            if (!closes || !spansLines)
            {
                return false;
            }

            var content = new StringSlice(text, contentStart, i - 1);
            content.Trim();
            var start = processor.GetSourcePosition(open, out var line, out var column);
            processor.Inline = new MathInline
            {
                Span = new SourceSpan(start, processor.GetSourcePosition(i + run - 1)),
                Line = line,
                Column = column,
                Delimiter = '$',
                DelimiterCount = dollars,
                Content = content,
            };
            slice.Start = i + run;
            return true;
        }

        return false;
    }

    // Before an opening or after a closing dollar sign: the paragraph's edge, a space or a line end, or
    // punctuation (a formula in parentheses, one followed by a full stop).
    private static bool IsBoundary(char c)
        => c == '\0' || char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c);

    /// <summary>Adds the parser in front of Markdig's math parser; registered after <c>UseMathematics()</c>.</summary>
    public sealed class Extension : IMarkdownExtension
    {
        /// <inheritdoc />
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
            if (!pipeline.InlineParsers.Contains<MultiLineMathParser>())
            {
                pipeline.InlineParsers.InsertBefore<MathInlineParser>(new MultiLineMathParser());
            }
        }

        /// <inheritdoc />
        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
        }
    }
}
