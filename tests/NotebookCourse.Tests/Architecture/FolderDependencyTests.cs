using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NotebookCourse.Tests.Data;

namespace NotebookCourse.Tests.Architecture;

/// <summary>
/// The library's folders depend on each other in one direction only, so a reader can start at the
/// bottom (Presentation, Kernels, Registry, Tensors) and never meet a name from a folder above. Every name in the
/// library's sources is resolved with Roslyn to the folder that declares it.
/// </summary>
public class FolderDependencyTests
{
    /// <summary>For each folder, the folders it names and one example of each (a type or member and the file).</summary>
    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> s_edges = new(FindEdges);

    private static string LibraryFolder => Path.Combine(TestPaths.RepoRoot, "lib");

    /// <summary>The folder a source file belongs to; the kernels are a folder of their own inside Tensors.</summary>
    private static string FolderOf(string path)
    {
        var relative = Path.GetRelativePath(LibraryFolder, path).Replace('\\', '/');
        return relative.StartsWith("Tensors/Kernels/", StringComparison.Ordinal) ? "Kernels" : relative.Split('/')[0];
    }

    private static Dictionary<string, Dictionary<string, string>> FindEdges()
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.EnumerateFiles(LibraryFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .ToList();
        // The SDK's implicit usings (ImplicitUsings in Directory.Build.props).
        var implicitUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
            "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", options, "ImplicitUsings.cs");
        // The framework, plus the library's packages, which the test run has beside it.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => Path.GetFileName(p) != "NotebookCourse.dll")
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => MetadataReference.CreateFromFile(g.First()));
        var compilation = CSharpCompilation.Create("NotebookCourse", [.. trees, implicitUsings], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        Assert.True(errors.Count == 0, "The library's sources must compile here for every name to be resolved:\n" + string.Join("\n", errors));

        var edges = new Dictionary<string, Dictionary<string, string>>();
        foreach (var tree in trees)
        {
            var from = FolderOf(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                if (symbol is IMethodSymbol { ReducedFrom: { } extension }) symbol = extension;
                var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                while (type?.ContainingType is { } outer) type = outer;
                if (type is null) continue;
                // A member counts for the folder of the file declaring it (a partial type may span folders);
                // a type named by itself for the file named after it.
                var declaredIn = (symbol is INamedTypeSymbol ? type.Locations : symbol!.Locations)
                    .Where(l => l.IsInSource && l.SourceTree!.FilePath != "ImplicitUsings.cs").Select(l => l.SourceTree!.FilePath).ToList();
                if (declaredIn.Count == 0 || declaredIn.Any(p => FolderOf(p) == from)) continue;
                var file = declaredIn.FirstOrDefault(p => Path.GetFileName(p) == type.Name + ".cs") ?? declaredIn[0];
                var to = FolderOf(file);
                if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = [];
                targets.TryAdd(to, $"{type.Name}{(symbol is INamedTypeSymbol ? "" : "." + symbol.Name)} in {Path.GetFileName(tree.FilePath)}");
            }
        }
        return edges;
    }

    private static bool Reaches(string from, string to, HashSet<string> seen)
        => s_edges.Value.TryGetValue(from, out var targets) && targets.Keys.Any(next => next == to || seen.Add(next) && Reaches(next, to, seen));

    [Fact]
    public void No_folder_names_a_folder_that_names_it_back()
    {
        var cycles = s_edges.Value
            .SelectMany(e => e.Value.Where(t => Reaches(t.Key, e.Key, [])).Select(t => $"{e.Key} -> {t.Key} ({t.Value})"))
            .ToList();
        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", cycles));
    }

    [Theory]
    [InlineData("Presentation")]
    [InlineData("Kernels")]
    [InlineData("Registry")]
    public void The_lowest_folders_name_no_other_folder(string folder)
    {
        var named = s_edges.Value.GetValueOrDefault(folder, []);
        Assert.True(named.Count == 0, $"{folder} names: " + string.Join(", ", named.Select(n => $"{n.Key} ({n.Value})")));
    }

    [Fact]
    public void The_analysis_sees_the_expected_dependencies()
    {
        // A check that cannot pass vacuously: these edges exist, so names really are being resolved.
        Assert.Contains("Tensors", s_edges.Value["Training"].Keys);
        Assert.Contains("Presentation", s_edges.Value["Tensors"].Keys);
        Assert.Contains("Kernels", s_edges.Value["Tensors"].Keys);
        Assert.Contains("Training", s_edges.Value["Serialization"].Keys);
    }
}
