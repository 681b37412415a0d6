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

    /// <summary>dst = g · (1 − y)(1 + y), the tanh derivative 1 − y² written with its output y (no cancellation near ±1).</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> g, Span<float> dst)
    {
        TensorPrimitives.Subtract(1f, y, dst);
        TensorPrimitives.FusedMultiplyAdd(dst, y, dst, dst); // (1 − y) + (1 − y)·y = (1 − y)(1 + y), rounded once
        TensorPrimitives.Multiply(dst, g, dst);
    }

    /// <summary>dst = min ≤ x ≤ max ? g : 0 (the gradient passes where Clamp did not cut).</summary>
    public static void ClampBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> g, float min, float max, Span<float> dst)
    {
        for (var i = 0; i < x.Length; i++) dst[i] = x[i] >= min && x[i] <= max ? g[i] : 0f;
    }

    /// <summary>
    /// An inverted-dropout mask: each value is 0 with probability <paramref name="rate"/>, else
    /// 1 / (1 − rate). The random numbers come from SplitMix64 started at <paramref name="seed"/>
    /// (two 32-bit draws per step), several times faster than Random.NextSingle per value.
    /// </summary>
    public static void FillDropoutMask(Span<float> mask, float rate, ulong seed)
    {
        var keep = 1f / (1f - rate);
        long threshold = (long)Math.Min(rate * 4294967296.0, uint.MaxValue); // drop when draw < threshold
        var state = seed;
        var i = 0;
        // Branch-free: a random keep/drop decision is a branch the CPU mispredicts half the time.
        for (; i + 1 < mask.Length; i += 2)
        {
            var bits = SplitMix64(ref state);
            mask[i] = keep * Kept((uint)bits, threshold);
            mask[i + 1] = keep * Kept((uint)(bits >> 32), threshold);
        }
        if (i < mask.Length) mask[i] = keep * Kept((uint)SplitMix64(ref state), threshold);
    }

    /// <summary>1 when draw ≥ threshold, else 0, from the sign of their difference.</summary>
    private static float Kept(uint draw, long threshold) => 1 - (int)((ulong)(draw - threshold) >> 63);

    /// <summary>One step of SplitMix64 (Steele, Lea, Flood 2014): a fast, well-mixed 64-bit generator.</summary>
    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
