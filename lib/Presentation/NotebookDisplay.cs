using System.Reflection;

namespace NotebookCourse.Presentation;

/// <summary>
/// Shows a value in the notebook cell that is running and replaces it in place later, through the .NET
/// Interactive kernel (VS Code Polyglot Notebooks, and the course's runner, which starts the same kernel),
/// found by reflection so that the library needs no reference to it.
/// </summary>
/// <remarks>
/// The kernel's own <c>display(x).Update(y)</c> cannot be used: its handle's id differs from the id of the
/// output it produced, so VS Code never matches the updates and progress freezes on its first frame.
/// Instead this publishes a DisplayedValueProduced and then DisplayedValueUpdated events that all carry
/// one id, on the invocation context of the cell that showed the value.
/// </remarks>
internal sealed class NotebookDisplay
{
    /// <summary>The kernel types used, by full name: where they are looked for and what they must offer.</summary>
    internal sealed record KernelTypeNames(
        string InvocationContext = "Microsoft.DotNet.Interactive.KernelInvocationContext",
        string Produced = "Microsoft.DotNet.Interactive.Events.DisplayedValueProduced",
        string Updated = "Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated",
        string FormattedValue = "Microsoft.DotNet.Interactive.Formatting.FormattedValue");

    private readonly object _context;
    private readonly object _command;
    private readonly MethodInfo _publish;
    private readonly ConstructorInfo _produced;
    private readonly ConstructorInfo _updated;
    private readonly MethodInfo _format;
    private readonly Type _formattedValue;

    private NotebookDisplay(object context, object command, MethodInfo publish, ConstructorInfo produced, ConstructorInfo updated, MethodInfo format, Type formattedValue)
    {
        _context = context;
        _command = command;
        _publish = publish;
        _produced = produced;
        _updated = updated;
        _format = format;
        _formattedValue = formattedValue;
    }

    /// <summary>The display of the notebook cell running now, or null outside a notebook (a console program, a test).</summary>
    public static NotebookDisplay? Current => Find(AppDomain.CurrentDomain.GetAssemblies(), new KernelTypeNames());

    /// <summary>
    /// The display of the cell running now, from the kernel types named by <paramref name="names"/> in
    /// <paramref name="assemblies"/>; null when a type is missing, has another shape, or no cell is running.
    /// </summary>
    public static NotebookDisplay? Find(IEnumerable<Assembly> assemblies, KernelTypeNames names)
    {
        var types = new Dictionary<string, Type>();
        foreach (var assembly in assemblies)
        {
            foreach (var name in new[] { names.InvocationContext, names.Produced, names.Updated, names.FormattedValue })
            {
                if (types.ContainsKey(name)) continue;
                try
                {
                    if (assembly.GetType(name, throwOnError: false) is { } type) types[name] = type;
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
                {
                }
            }
        }
        if (!types.TryGetValue(names.InvocationContext, out var contextType)
            || !types.TryGetValue(names.Produced, out var producedType)
            || !types.TryGetValue(names.Updated, out var updatedType)
            || !types.TryGetValue(names.FormattedValue, out var formattedValueType))
        {
            return null;
        }

        var current = contextType.GetProperty("Current", BindingFlags.Public | BindingFlags.Static);
        var commandProperty = contextType.GetProperty("Command", BindingFlags.Public | BindingFlags.Instance);
        var publish = contextType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == "Publish" && m.GetParameters().Length == 1 && m.GetParameters()[0].ParameterType.IsAssignableFrom(producedType));
        var produced = producedType.GetConstructors().FirstOrDefault(c => c.GetParameters().Length == 4);
        var updated = updatedType.GetConstructors().FirstOrDefault(c => c.GetParameters().Length == 4);
        var format = formattedValueType.GetMethod("CreateManyFromObject", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
        if (current is null || commandProperty is null || publish is null || produced is null || updated is null || format is null) return null;

        var context = current.GetValue(null);
        var command = context is null ? null : commandProperty.GetValue(context);
        if (context is null || command is null) return null;
        return new NotebookDisplay(context, command, publish, produced, updated, format, formattedValueType);
    }

    /// <summary>Shows <paramref name="value"/> as a new output of the running cell; the handle replaces it later.</summary>
    public DisplayHandle Show(object value)
    {
        var id = Guid.NewGuid().ToString("N");
        // DisplayedValueProduced(object value, KernelCommand command, IReadOnlyCollection<FormattedValue> formattedValues, string valueId)
        _publish.Invoke(_context, [_produced.Invoke([value, _command, Format(value), id])]);
        return new DisplayHandle(this, id);
    }

    private void Update(string id, object value)
        // DisplayedValueUpdated(object value, string valueId, KernelCommand command, IReadOnlyCollection<FormattedValue> formattedValues)
        => _publish.Invoke(_context, [_updated.Invoke([value, id, _command, Format(value)])]);

    /// <summary>The value formatted as its preferred MIME types (the library's types: text/html and text/plain).</summary>
    private object Format(object value)
    {
        var formatted = _format.Invoke(null, [value, Array.Empty<string>()]);
        // The constructors take IReadOnlyCollection<FormattedValue>: copy into an array of that element type.
        var items = ((System.Collections.IEnumerable)formatted!).Cast<object>().ToArray();
        var array = Array.CreateInstance(_formattedValue, items.Length);
        for (var i = 0; i < items.Length; i++) array.SetValue(items[i], i);
        return array;
    }

    /// <summary>A shown output that <see cref="Update"/> replaces in place (same id as the output).</summary>
    internal sealed class DisplayHandle
    {
        private readonly NotebookDisplay _display;

        internal DisplayHandle(NotebookDisplay display, string id)
        {
            _display = display;
            Id = id;
        }

        /// <summary>The display id the output and every update carry.</summary>
        public string Id { get; }

        /// <summary>Replaces the output with <paramref name="value"/>.</summary>
        public void Update(object value) => _display.Update(Id, value);
    }
}
