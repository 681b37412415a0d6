using System.Runtime.Intrinsics;

namespace NotebookCourse.Kernels;

/// <summary>
/// eˣ, tanh and the sigmoid for float32 tensors, computed in double precision and rounded once, so
/// each result is within half a unit in the last place (ulp) of the true value, as PyTorch's are.
/// </summary>
/// <remarks>
/// TensorPrimitives' float versions are faster but less exact: its Exp is off by up to 1.8 ulp
/// (exp(0) = 1.0000001), its Tanh by 7.5 ulp with a relative error above 1e-4 near 0 (and
/// tanh(±0) = ∓6e-8). Here eight floats at a time are widened to doubles, computed with the
/// vectorised double-precision exp, and narrowed back; any leftover values use <see cref="Math"/>.
/// </remarks>
internal static class PreciseMath
{
    /// <summary>y = eˣ for every value.</summary>
    public static void Exp(ReadOnlySpan<float> x, Span<float> y) => Map<ExpOf>(x, y);

    /// <summary>y = tanh(x) for every value; tanh(±0) = ±0.</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y) => Map<TanhOf>(x, y);

    /// <summary>y = 1 / (1 + e⁻ˣ) for every value.</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y) => Map<SigmoidOf>(x, y);

    /// <summary>
    /// eˣ − 1 without the cancellation of computing eˣ first: for x near 0, eˣ rounds to about 1 and
    /// the difference keeps few correct digits. Below 1e-5 the Taylor series x + x²/2 + x³/6 is exact
    /// to double precision; above, eˣ − 1 in double precision leaves far more digits than float needs.
    /// </summary>
    public static float ExpM1(float x)
    {
        double d = x;
        return (float)(Math.Abs(d) < 1e-5 ? d + d * d / 2 + d * d * d / 6 : Math.Exp(d) - 1);
    }

    /// <summary>One function, in double precision, on a vector and on a single value.</summary>
    private interface IDoubleFunction
    {
        static abstract Vector256<double> Of(Vector256<double> x);

        static abstract double Of(double x);
    }

    private static void Map<TFunction>(ReadOnlySpan<float> x, Span<float> y)
        where TFunction : IDoubleFunction
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                var low = TFunction.Of(Vector256.WidenLower(v));
                var high = TFunction.Of(Vector256.WidenUpper(v));
                Vector256.Narrow(low, high).CopyTo(y.Slice(i, Vector256<float>.Count));
            }
        }
        for (; i < x.Length; i++) y[i] = (float)TFunction.Of(x[i]);
    }

    private readonly struct ExpOf : IDoubleFunction
    {
        public static Vector256<double> Of(Vector256<double> x) => Vector256.Exp(x);

        public static double Of(double x) => Math.Exp(x);
    }

    private readonly struct SigmoidOf : IDoubleFunction
    {
        public static Vector256<double> Of(Vector256<double> x) => Vector256<double>.One / (Vector256<double>.One + Vector256.Exp(-x));

        public static double Of(double x) => 1 / (1 + Math.Exp(-x));
    }

    /// <summary>
    /// tanh x = 1 − 2 / (e²ˣ + 1) for |x| ≥ 1/32, with the sign put back; nearer 0 that form loses
    /// relative precision, so there the Taylor series x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835 is
    /// used (its next term is below 1e-17 of the value).
    /// </summary>
    private readonly struct TanhOf : IDoubleFunction
    {
        private const double Small = 1.0 / 32;

        public static Vector256<double> Of(Vector256<double> x)
        {
            var a = Vector256.Abs(x);
            var far = Vector256<double>.One - Vector256.Create(2.0) / (Vector256.Exp(a + a) + Vector256<double>.One);
            var a2 = a * a;
            var near = a * (Vector256<double>.One + a2 * (Vector256.Create(-1.0 / 3) + a2 * (Vector256.Create(2.0 / 15)
                + a2 * (Vector256.Create(-17.0 / 315) + a2 * Vector256.Create(62.0 / 2835)))));
            var t = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(Small)), near, far);
            return Vector256.CopySign(t, x);
        }

        public static double Of(double x) => Math.Tanh(x);
    }
}
