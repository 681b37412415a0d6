using System.Numerics;
using System.Runtime.InteropServices;

namespace NotebookCourse.Kernels;

/// <summary>
/// Vectorised loops for the element-wise steps that TensorPrimitives has no single call for. The
/// formulas themselves live beside the operations that use them (e.g. ReLU's derivative in Tensor.Relu).
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>dst[i] += formula(a[i], b[i]) for every i: how a backward step adds its share to a gradient.</summary>
    public static void AddTo<TFormula>(Span<float> dst, ReadOnlySpan<float> a, ReadOnlySpan<float> b, TFormula formula)
        where TFormula : struct, IElementwiseFormula
    {
        if (a.Length != dst.Length || b.Length != dst.Length) throw new ArgumentException("AddTo: the three spans must have the same length.");
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= dst.Length - width; i += width)
            {
                (new Vector<float>(dst[i..]) + formula.Of(new Vector<float>(a[i..]), new Vector<float>(b[i..]))).CopyTo(dst[i..]);
            }
        }
        for (; i < dst.Length; i++) dst[i] += formula.Of(a[i], b[i]);
    }

    /// <summary>
    /// Sets every subnormal value (magnitude below 1.2·10⁻³⁸, the smallest normal float) to zero: what
    /// TensorFlow does for all arithmetic by switching the processor to "flush to zero". Arithmetic on a
    /// subnormal number takes the processor about a hundred times longer than on a normal one. The test
    /// reads the bits (exponent field all zero), so it is itself no arithmetic on subnormals.
    /// </summary>
    public static void FlushSubnormalsToZero(Span<float> values)
    {
        const int ExponentBits = 0x7F80_0000;
        var bits = MemoryMarshal.Cast<float, int>(values);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var exponent = new Vector<int>(ExponentBits);
            for (; i <= bits.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                var v = new Vector<int>(bits[i..]);
                Vector.AndNot(v, Vector.Equals(v & exponent, Vector<int>.Zero)).CopyTo(bits[i..]);
            }
        }
        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentBits) == 0) bits[i] = 0;
        }
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
