using System.Reflection;

namespace NotebookCourse.Training;

/// <summary>
/// The notebook's <c>display(value)</c> function, found by reflection so that the library needs no
/// reference to a notebook kernel: the course's headless runner (<c>NotebookCourse.Runner.Kernel</c>)
/// or VS Code Polyglot Notebooks (<c>Microsoft.DotNet.Interactive.Kernel</c>).
/// </summary>
internal sealed class NotebookDisplay
{
    /// <summary>The kernel types looked for, in order of preference.</summary>
    public static readonly IReadOnlyList<string> KernelTypeNames = ["NotebookCourse.Runner.Kernel", "Microsoft.DotNet.Interactive.Kernel"];

    private readonly MethodInfo _display;

    private NotebookDisplay(MethodInfo display) => _display = display;

    /// <summary>The kernel type the display function belongs to.</summary>
    public Type KernelType => _display.DeclaringType!;

    /// <summary>The display of the notebook this process runs in, or null in a console program or a test.</summary>
    public static NotebookDisplay? Current => Find(AppDomain.CurrentDomain.GetAssemblies(), KernelTypeNames);

    /// <summary>The first of <paramref name="typeNames"/> found in <paramref name="assemblies"/> that has a usable display method.</summary>
    public static NotebookDisplay? Find(IEnumerable<Assembly> assemblies, IEnumerable<string> typeNames)
    {
        var loaded = assemblies.ToList();
        foreach (var name in typeNames)
        {
            foreach (var assembly in loaded)
            {
                Type? type;
                try
                {
                    type = assembly.GetType(name, throwOnError: false);
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
                {
                    continue;
                }
                if (type is not null && FromType(type) is { } display) return display;
            }
        }
        return null;
    }

    /// <summary>
    /// Uses <paramref name="kernelType"/>'s public static <c>display(object, string[])</c> whose result has
    /// an <c>Update(object)</c> method; null when the type has no such method.
    /// </summary>
    public static NotebookDisplay? FromType(Type kernelType)
    {
        ArgumentNullException.ThrowIfNull(kernelType);
        var method = kernelType.GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
        if (method is null || method.ReturnType.GetMethod("Update", [typeof(object)]) is null) return null;
        return new NotebookDisplay(method);
    }

    /// <summary>Shows <paramref name="value"/> as a new output of the running cell; the handle replaces it later.</summary>
    public DisplayHandle Show(object value)
    {
        var handle = _display.Invoke(null, [value, Array.Empty<string>()]);
        return new DisplayHandle(handle);
    }

    /// <summary>A shown output that <see cref="Update"/> replaces in place.</summary>
    internal sealed class DisplayHandle(object? handle)
    {
        private readonly MethodInfo? _update = handle?.GetType().GetMethod("Update", [typeof(object)]);

        /// <summary>Replaces the output with <paramref name="value"/>.</summary>
        public void Update(object value) => _update?.Invoke(handle, [value]);
    }
}
