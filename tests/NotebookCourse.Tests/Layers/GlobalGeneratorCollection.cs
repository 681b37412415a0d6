namespace NotebookCourse.Tests.Layers;

/// <summary>
/// Tests that draw from the shared <see cref="Tensor.Generator"/> (layers built without their own
/// Random, <see cref="Tensor.ManualSeed"/>) run one at a time: System.Random is not thread-safe and a
/// seed set in one test must not be consumed by another running in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalGeneratorCollection
{
    /// <summary>The collection's name for <c>[Collection(...)]</c>.</summary>
    public const string Name = "Global random generator";
}
