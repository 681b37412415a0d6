using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NotebookCourse.Runner;

/// <summary>
/// The NuGet packages the runner carries with it, so that <c>#r "nuget: Name, Version"</c> resolves
/// offline to the runner's own copy. Plotly.NET.Interactive maps to Plotly.NET: the runner's chart
/// formatter does what that package does in Polyglot Notebooks.
/// </summary>
public static class ShippedPackages
{
    private static readonly Dictionary<string, string[]> Assemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MathNet.Numerics"] = ["MathNet.Numerics"],
        ["Plotly.NET"] = ["Plotly.NET", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine"],
        ["Plotly.NET.Interactive"] = ["Plotly.NET", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine"],
        ["Plotly.NET.CSharp"] = ["Plotly.NET.CSharp", "Plotly.NET", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine"],
        ["Microsoft.Data.Analysis"] = ["Microsoft.Data.Analysis", "Microsoft.ML.DataView", "Apache.Arrow"],
        ["Microsoft.ML"] =
        [
            "Microsoft.ML.Data", "Microsoft.ML.Core", "Microsoft.ML.DataView", "Microsoft.ML.StandardTrainers",
            "Microsoft.ML.Transforms", "Microsoft.ML.KMeansClustering", "Microsoft.ML.PCA", "Microsoft.ML.CpuMath",
        ],
        ["System.Numerics.Tensors"] = ["System.Numerics.Tensors"],
    };

    /// <summary>The package names the runner can supply, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Assemblies.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>True when the runner ships <paramref name="packageName"/> (case-insensitive).</summary>
    public static bool Contains(string packageName) => Assemblies.ContainsKey(packageName);

    /// <summary>The shipped version of a package (its main assembly's informational version).</summary>
    public static string VersionOf(string packageName)
    {
        var main = Assemblies[packageName][0];
        var assembly = Load(main);
        var version = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly?.GetName().Version?.ToString() ?? "unknown";
        var plus = version.IndexOf('+');
        return plus >= 0 ? version[..plus] : version;
    }

    /// <summary>Metadata references to the package's assemblies, for the script compilation.</summary>
    public static IReadOnlyList<MetadataReference> ReferencesFor(string packageName)
    {
        var references = new List<MetadataReference>();
        foreach (var name in Assemblies[packageName])
        {
            var path = PathOf(name);
            if (path is not null)
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }
        return references;
    }

    /// <summary>A one-line list of what the runner ships, with versions.</summary>
    public static string Describe()
        => string.Join(", ", Names.Select(name => $"{name} {VersionOf(name)}"));

    private static string? PathOf(string assemblyName)
    {
        var local = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (File.Exists(local))
        {
            return local;
        }
        var location = Load(assemblyName)?.Location;
        return string.IsNullOrEmpty(location) ? null : location;
    }

    private static Assembly? Load(string assemblyName)
    {
        try
        {
            return Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
