using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>A parameter value that cannot be used: names the parameter and lists the notebook's parameters.</summary>
public sealed class ParameterException(string message) : Exception(message);

/// <summary>One default in a notebook's parameters cell, e.g. <c>float lr = 0.1f;</c>.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="TypeName">The C# type (for <c>var</c>, inferred from the literal): int, long, float, double, decimal, bool or string.</param>
public sealed record NotebookParameter(string Name, string TypeName);

/// <summary>
/// Papermill-style parameters: the code cell tagged <c>parameters</c> holds defaults, and values given on
/// the command line go into a new cell tagged <c>injected-parameters</c> right after it, typed like the defaults.
/// </summary>
public static class NotebookParameters
{
    /// <summary>The tag of the cell holding defaults.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag of the cell the runner inserts.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>The parameters declared in <paramref name="source"/> (a parameters cell), in order.</summary>
    public static IReadOnlyList<NotebookParameter> Parse(string source)
    {
        var root = CSharpSyntaxTree.ParseText(WithoutDirectives(source), new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        var found = new List<NotebookParameter>();
        foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            if (declaration.Parent is not (FieldDeclarationSyntax or LocalDeclarationStatementSyntax))
            {
                continue;
            }
            foreach (var variable in declaration.Variables)
            {
                var typeName = declaration.Type.IsVar
                    ? InferType(variable.Initializer?.Value)
                    : Normalize(declaration.Type.ToString());
                found.Add(new NotebookParameter(variable.Identifier.ValueText, typeName ?? "var"));
            }
        }
        return found;
    }

    /// <summary>
    /// Inserts the injected-parameters cell after the parameters cell and returns the names applied.
    /// Throws <see cref="ParameterException"/> for an unparsable value, and for an unknown name or a notebook
    /// without a parameters cell unless <paramref name="skipUndeclared"/> (used when one set of values
    /// goes to every notebook of a folder).
    /// </summary>
    public static IReadOnlyList<string> Inject(Notebook notebook, IReadOnlyDictionary<string, string> values, bool skipUndeclared = false)
    {
        if (values.Count == 0)
        {
            return [];
        }
        var index = notebook.Cells.FindIndex(c => c.IsCode && c.Tags.Contains(ParametersTag));
        if (index < 0)
        {
            if (skipUndeclared)
            {
                return [];
            }
            throw new ParameterException(
                $"{notebook.FileName}: parameters {string.Join(", ", values.Keys)} given, but no code cell is tagged \"{ParametersTag}\"");
        }
        var declared = Parse(notebook.Cells[index].Source);
        var listing = declared.Count == 0 ? "(none)" : string.Join(", ", declared.Select(p => $"{p.TypeName} {p.Name}"));
        var lines = new List<string> { "// Parameters given on the command line" };
        var applied = new List<string>();
        foreach (var (name, text) in values)
        {
            if (skipUndeclared && declared.All(p => p.Name != name))
            {
                continue;
            }
            var parameter = declared.FirstOrDefault(p => p.Name == name)
                ?? throw new ParameterException(
                    $"{notebook.FileName}: unknown parameter '{name}'; the parameters cell (cell {notebook.Cells[index].Number}) declares: {listing}");
            var literal = ToLiteral(parameter, text)
                ?? throw new ParameterException(
                    $"{notebook.FileName}: parameter '{name}' is {parameter.TypeName}, and '{text}' is not a valid {parameter.TypeName}; parameters: {listing}");
            lines.Add($"{parameter.TypeName} {name} = {literal};");
            applied.Add(name);
        }
        if (applied.Count > 0)
        {
            var id = notebook.UsesCellIds ? notebook.NewCellId(InjectedTag) : null;
            notebook.Cells.Insert(index + 1, NotebookCell.NewCode(string.Join('\n', lines), id, [InjectedTag], notebook.LanguageOf(notebook.Cells[index])));
        }
        return applied;
    }

    /// <summary>Parses "name=value" arguments into a dictionary (later ones win).</summary>
    public static Dictionary<string, string> ParseAssignments(IEnumerable<string> assignments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
            {
                throw new ParameterException($"parameter '{assignment}': expected name=value");
            }
            values[assignment[..equals].Trim()] = assignment[(equals + 1)..];
        }
        return values;
    }

    /// <summary>The cell's text with kernel directives (<c>#!csharp</c>, <c>#r</c>, <c>#i</c>) blanked, so that only C# is parsed (line numbers kept).</summary>
    private static string WithoutDirectives(string source)
        => string.Join('\n', source.ReplaceLineEndings("\n").Split('\n')
            .Select(line => line.TrimStart().StartsWith("#!", StringComparison.Ordinal)
                || line.TrimStart().StartsWith("#r ", StringComparison.Ordinal)
                || line.TrimStart().StartsWith("#i ", StringComparison.Ordinal) ? "" : line));

    private static string? ToLiteral(NotebookParameter parameter, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        const NumberStyles Float = NumberStyles.Float;
        var trimmed = text.Trim();
        return parameter.TypeName switch
        {
            "string" => SyntaxFactory.Literal(text).Text,
            "int" => int.TryParse(trimmed, NumberStyles.Integer, invariant, out var i) ? SyntaxFactory.Literal(i).Text : null,
            "long" => long.TryParse(trimmed, NumberStyles.Integer, invariant, out var l) ? SyntaxFactory.Literal(l).Text : null,
            "float" => float.TryParse(trimmed.TrimEnd('f', 'F'), Float, invariant, out var f) && float.IsFinite(f) ? SyntaxFactory.Literal(f).Text : null,
            "double" => double.TryParse(trimmed.TrimEnd('d', 'D'), Float, invariant, out var d) && double.IsFinite(d) ? SyntaxFactory.Literal(d).Text : null,
            "decimal" => decimal.TryParse(trimmed.TrimEnd('m', 'M'), Float, invariant, out var m) ? SyntaxFactory.Literal(m).Text : null,
            "bool" => bool.TryParse(trimmed, out var b) ? (b ? "true" : "false") : null,
            _ => null,
        };
    }

    private static string? InferType(ExpressionSyntax? initializer)
    {
        var expression = initializer;
        if (expression is PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken } negative)
        {
            expression = negative.Operand;
        }
        if (expression is not LiteralExpressionSyntax literal)
        {
            return null;
        }
        return literal.Token.Value switch
        {
            string => "string",
            bool => "bool",
            int => "int",
            long => "long",
            float => "float",
            double => "double",
            decimal => "decimal",
            _ => null,
        };
    }

    private static string Normalize(string typeName) => typeName switch
    {
        "String" or "System.String" => "string",
        "Int32" or "System.Int32" => "int",
        "Int64" or "System.Int64" => "long",
        "Single" or "System.Single" => "float",
        "Double" or "System.Double" => "double",
        "Boolean" or "System.Boolean" => "bool",
        "Decimal" or "System.Decimal" => "decimal",
        _ => typeName,
    };
}
