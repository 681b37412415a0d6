using System.Reflection;

namespace NotebookCourse.Export;

/// <summary>Reads the files embedded in this assembly at build time: site.css, our scripts, and KaTeX's and plotly.js's files from npm.</summary>
internal static class EmbeddedAssets
{
    private static readonly Assembly Self = typeof(EmbeddedAssets).Assembly;

    /// <summary>The woff2 fonts KaTeX's style sheet refers to, as (file name, resource name).</summary>
    public static IEnumerable<(string FileName, string Resource)> KatexFonts =>
        Self.GetManifestResourceNames()
            .Where(name => name.StartsWith("katex/fonts/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name["katex/fonts/".Length..], name));

    /// <summary>Returns an embedded text file.</summary>
    public static string ReadText(string resource)
    {
        using var reader = new StreamReader(Open(resource));
        return reader.ReadToEnd();
    }

    /// <summary>Returns an embedded binary file.</summary>
    public static byte[] ReadBytes(string resource)
    {
        using var stream = Open(resource);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static Stream Open(string resource)
        => Self.GetManifestResourceStream(resource)
           ?? throw new InvalidOperationException(
               $"The exporter was built without its resource '{resource}' (KaTeX and plotly.js come from `npm ci` in tools/NotebookCourse.Export at build time; rebuild the project).");
}
