using System.Numerics;

namespace NotebookCourse.Kernels;

/// <summary>
/// A formula of two values (e.g. an input x and the incoming gradient g), written once for single
/// values (the definition) and once for vectors of them (the same formula, several values at a time).
/// </summary>
internal interface IElementwiseFormula
{
    /// <summary>The formula for one pair of values.</summary>
    float Of(float a, float b);

    /// <summary>The same formula for <see cref="Vector{T}.Count"/> pairs at once.</summary>
    Vector<float> Of(Vector<float> a, Vector<float> b);
}
