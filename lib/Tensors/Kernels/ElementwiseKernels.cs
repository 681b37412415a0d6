using System.Numerics;
using System.Numerics.Tensors;

namespace NotebookCourse.Kernels;

/// <summary>
/// Vectorised loops for the element-wise steps that TensorPrimitives has no single call for
/// (mostly activation derivatives). Each is the formula in its comment, applied to every element.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>dst = x &gt; 0 ? g : 0 (the ReLU derivative times the incoming gradient).</summary>
    public static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> dst)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= x.Length - width; i += width)
            {
                var positive = Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero);
                Vector.ConditionalSelect(positive, new Vector<float>(g[i..]), Vector<float>.Zero).CopyTo(dst[i..]);
            }
        }
        for (; i < x.Length; i++) dst[i] = x[i] > 0f ? g[i] : 0f;
    }

    /// <summary>dst = x &gt; 0 ? g : alpha·g (the leaky ReLU derivative times the incoming gradient).</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> g, float alpha, Span<float> dst)
    {
        for (var i = 0; i < x.Length; i++) dst[i] = x[i] > 0f ? g[i] : alpha * g[i];
    }

    /// <summary>dst = g · y · (1 − y), the sigmoid derivative written with its output y.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dst)
    {
        TensorPrimitives.Subtract(1f, y, dst);
        TensorPrimitives.Multiply(dst, y, dst);
        TensorPrimitives.Multiply(dst, g, dst);
    }

    /// <summary>dst = g · (1 − y²), the tanh derivative written with its output y.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dst)
    {
        TensorPrimitives.Multiply(y, y, dst);
        TensorPrimitives.Subtract(1f, dst, dst);
        TensorPrimitives.Multiply(dst, g, dst);
    }

    /// <summary>dst = min ≤ x ≤ max ? g : 0 (the gradient passes where Clamp did not cut).</summary>
    public static void ClampBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> g, float min, float max, Span<float> dst)
    {
        for (var i = 0; i < x.Length; i++) dst[i] = x[i] >= min && x[i] <= max ? g[i] : 0f;
    }
}
