using System.Collections.Concurrent;
using System.Reflection;

namespace NotebookCourse.Registry;

/// <summary>
/// The names by which model files and <c>Compile</c> know one family of types (layers, losses, metrics or
/// optimizers), each with the function that rebuilds one from its config, as Keras's serialization
/// registry does. It starts with every non-abstract type of the library that implements the family's
/// "from config" interface for itself; a type of your own joins through its family's <c>Register</c>.
/// </summary>
/// <typeparam name="TBase">The family's base class, e.g. <c>Layer</c>.</typeparam>
/// <typeparam name="TConfig">What rebuilds one, e.g. <c>LayerConfig</c>.</typeparam>
internal sealed class TypeRegistry<TBase, TConfig> where TBase : class
{
    private readonly ConcurrentDictionary<string, (Type Type, Func<TConfig, TBase> FromConfig)> _byName = new();
    private readonly ConcurrentDictionary<Type, string> _ownNames = new();
    private readonly MethodInfo _entries;
    private readonly Func<string, string> _normalize;

    /// <summary>A registry holding the library's own types of the family.</summary>
    /// <param name="fromConfigInterface">The family's interface, e.g. <c>typeof(ILayerFromConfig&lt;&gt;)</c>: a type belongs when it implements it for itself.</param>
    /// <param name="entries">
    /// A generic static method of <typeparamref name="TBase"/> with no parameters that, for a type <c>T</c> of
    /// the family, lists its names (its own first) with <c>T.FromConfig</c>: static abstract members can only
    /// be called through such a method.
    /// </param>
    /// <param name="normalize">Turns a name as written (e.g. " Categorical-Crossentropy") into the spelling the registry keeps.</param>
    public TypeRegistry(Type fromConfigInterface, string entries, Func<string, string> normalize)
    {
        _entries = typeof(TBase).GetMethod(entries, BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new ArgumentException($"{typeof(TBase).Name} has no static method {entries}.", nameof(entries));
        _normalize = normalize;
        foreach (var type in typeof(TBase).Assembly.GetTypes())
        {
            if (!type.IsAbstract && typeof(TBase).IsAssignableFrom(type) && type.GetInterfaces().Contains(fromConfigInterface.MakeGenericType(type)))
            {
                var taken = Add(type);
                if (taken is not null) throw new InvalidOperationException($"{type.FullName} and {taken.FullName} both answer to one name.");
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="type"/> under each of its names; adding it again changes nothing. Returns null, or
    /// the other type that already answers to one of its names (then nothing is added). A type without names
    /// (one that takes its name from something else, as a metric named after a loss) is not added.
    /// </summary>
    public Type? Add(Type type)
    {
        var names = ((IEnumerable<(string Name, Func<TConfig, TBase> FromConfig)>)_entries.MakeGenericMethod(type).Invoke(null, null)!).ToList();
        if (names.Count == 0) return null;
        lock (_byName)
        {
            foreach (var (name, _) in names)
            {
                if (_byName.TryGetValue(_normalize(name), out var known) && known.Type != type) return known.Type;
            }
            foreach (var (name, fromConfig) in names) _byName.TryAdd(_normalize(name), (type, fromConfig));
            _ownNames.TryAdd(type, _normalize(names[0].Name));
        }
        return null;
    }

    /// <summary>The function that rebuilds the type <paramref name="name"/> stands for, or null when it stands for none.</summary>
    public Func<TConfig, TBase>? FromConfig(string name) => _byName.TryGetValue(_normalize(name), out var entry) ? entry.FromConfig : null;

    /// <summary>The type <paramref name="name"/> stands for, or null.</summary>
    public Type? TypeOf(string name) => _byName.TryGetValue(_normalize(name), out var entry) ? entry.Type : null;

    /// <summary>Each type's own name (the first of its names), in alphabetical order: what error messages list as known.</summary>
    public IReadOnlyList<string> Names => [.. _ownNames.Values.Order(StringComparer.Ordinal)];

    /// <summary>Every name the registry answers to, in alphabetical order.</summary>
    public IReadOnlyList<string> AllNames => [.. _byName.Keys.Order(StringComparer.Ordinal)];
}
