using System.Numerics;

namespace NotebookCourse.Kernels;

/// <summary>
/// A formula of two values, written once for single values (the definition) and once for vectors of
/// them (the same formula, several values at a time). A derivative takes the value the operation
/// saved (its input x or its output y) first and the incoming gradient g second.
/// </summary>
internal interface IElementwiseFormula
{
    /// <summary>The formula for one pair of values.</summary>
    float Of(float a, float b);

    /// <summary>The same formula for <see cref="Vector{T}.Count"/> pairs at once.</summary>
    Vector<float> Of(Vector<float> a, Vector<float> b);
}
