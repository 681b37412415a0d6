using System.Reflection;

namespace NotebookCourse.Layers;

/// <summary>Finds the parameters and sub-modules a <see cref="Module"/> keeps in its fields and properties.</summary>
internal static class ModuleTree
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static IEnumerable<KeyValuePair<string, Module>> Children(Module module)
    {
        foreach (var (name, value) in Members_(module))
        {
            switch (value)
            {
                case Module child:
                    yield return new(name, child);
                    break;
                case IEnumerable<Module> list:
                    var i = 0;
                    foreach (var child in list) yield return new($"{name}.{i++}", child);
                    break;
            }
        }
    }

    public static IEnumerable<KeyValuePair<string, Tensor>> NamedParameters(Module module)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var pair in Walk(module, ""))
        {
            if (seen.Add(pair.Value)) yield return pair;
        }
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> Walk(Module module, string prefix)
    {
        foreach (var (name, value) in Members_(module))
        {
            // A parameter is a leaf that wants a gradient; a stored intermediate result (e.g. the last
            // hidden activations kept for a chart) is not a leaf and is skipped.
            if (value is Tensor { RequiresGrad: true, IsLeaf: true } t) yield return new(prefix + name, t);
        }
        foreach (var (name, child) in module.Children())
        {
            foreach (var pair in child.NamedParameters()) yield return new($"{prefix}{name}.{pair.Key}", pair.Value);
        }
    }

    /// <summary>The relevant fields of each module type, found once (reflection is slow; training asks often).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (string Name, FieldInfo Field)[]> s_fields = new();

    /// <summary>Field and auto-property values, named as the learner wrote them (backing fields shown as the property).</summary>
    private static IEnumerable<(string Name, object? Value)> Members_(Module module)
    {
        foreach (var (name, field) in s_fields.GetOrAdd(module.GetType(), FieldsOf)) yield return (name, field.GetValue(module));
    }

    private static (string Name, FieldInfo Field)[] FieldsOf(Type moduleType)
    {
        var fields = new List<(string, FieldInfo)>();
        // Base classes first, so that a subclass's parameters follow its base's, in declaration order.
        var chain = new List<Type>();
        for (var type = moduleType; type is not null && type != typeof(Module); type = type.BaseType) chain.Insert(0, type);
        foreach (var type in chain)
        {
            foreach (var field in type.GetFields(Members | BindingFlags.DeclaredOnly))
            {
                if (!typeof(Tensor).IsAssignableFrom(field.FieldType) && !typeof(Module).IsAssignableFrom(field.FieldType)
                    && !typeof(IEnumerable<Module>).IsAssignableFrom(field.FieldType)) continue;
                var name = field.Name;
                if (name.StartsWith('<')) name = name[1..name.IndexOf('>')];
                fields.Add((name, field));
            }
        }
        return [.. fields];
    }
}
