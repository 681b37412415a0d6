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
            if (value is Tensor { RequiresGrad: true } t) yield return new(prefix + name, t);
        }
        foreach (var (name, child) in module.Children())
        {
            foreach (var pair in child.NamedParameters()) yield return new($"{prefix}{name}.{pair.Key}", pair.Value);
        }
    }

    /// <summary>Field and auto-property values, named as the learner wrote them (backing fields shown as the property).</summary>
    private static IEnumerable<(string Name, object? Value)> Members_(Module module)
    {
        for (var type = module.GetType(); type is not null && type != typeof(Module); type = type.BaseType)
        {
            foreach (var field in type.GetFields(Members | BindingFlags.DeclaredOnly))
            {
                if (!typeof(Tensor).IsAssignableFrom(field.FieldType) && !typeof(Module).IsAssignableFrom(field.FieldType)
                    && !typeof(IEnumerable<Module>).IsAssignableFrom(field.FieldType)) continue;
                var name = field.Name;
                if (name.StartsWith('<')) name = name[1..name.IndexOf('>')];
                yield return (name, field.GetValue(module));
            }
        }
    }
}
