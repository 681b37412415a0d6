using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookCourse.Kernels;

/// <summary>
/// The loops of softmax and log-softmax over the rows of a row-major matrix, forward and backward (the
/// formulas are explained in Tensor.Softmax and Tensor.LogSoftmax). A classifier's rows are short, 10
/// class scores, where a library call per row and step costs more than the arithmetic: a row of at most
/// 16 values is therefore one AVX-512 vector. Longer rows, or a processor without AVX-512, take one
/// TensorPrimitives call per step and row. Each formula is written both ways in a small struct
/// (<see cref="IRowFormula"/>), and <see cref="ForEachRow"/> runs it over the rows.
/// </summary>
/// <remarks>
/// A vector is 16 values, so it reaches past a short row into the next. Loads keep only the row's lanes
/// (<see cref="Load"/>); stores write whole vectors, and the lanes past the row are written again, right,
/// when the next row's turn comes; the last rows, whose vectors would reach past the end, are loaded
/// and stored under a mask instead (slower: about three times the cost). So the output must not overlap the inputs.
/// The exponentials are the processor's single-precision ones (within 2 ulp, as TensorPrimitives.Exp), made
/// exact at 0: computing them in double precision, as Tensor.Exp does, would double the cost of a softmax.
/// </remarks>
internal static unsafe class SoftmaxKernels
{
    private const int Lanes = 16;

    /// <summary>
    /// y = e^(x − max) / Σ e^(x − max) for each row of <paramref name="length"/> values. When
    /// <paramref name="logSumExp"/> is not empty it receives each row's log Σ eˣ = max + log Σ e^(x − max),
    /// in double precision (what cross-entropy needs).
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y, int length, Span<double> logSumExp = default) =>
        ForEachRow<SoftmaxOf>(x, x, y, length, logSumExp);

    /// <summary>dx = y ⊙ (g − Σ g⊙y) for each row: the gradient of softmax, given the incoming gradient g and its output y.</summary>
    public static void SoftmaxBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx, int length) =>
        ForEachRow<SoftmaxGradient>(g, y, dx, length);

    /// <summary>y = (x − max) − log Σ e^(x − max) for each row: log-softmax, finite even for scores of ±1000.</summary>
    public static void LogSoftmax(ReadOnlySpan<float> x, Span<float> y, int length) =>
        ForEachRow<LogSoftmaxOf>(x, x, y, length);

    /// <summary>dx = g − e^y · Σ g for each row: the gradient of log-softmax, given the incoming gradient g and its output y (e^y is the softmax).</summary>
    public static void LogSoftmaxBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx, int length) =>
        ForEachRow<LogSoftmaxGradient>(g, y, dx, length);

    /// <summary>A formula from two rows (a, b) to a row, written once for a row in a vector and once for a row of any length.</summary>
    private interface IRowFormula
    {
        /// <summary>What the lanes of a past the row hold (those of b hold 0): a value that changes nothing.</summary>
        static abstract float Padding { get; }

        /// <summary>
        /// The formula for a row of at most 16 values; <paramref name="rowValue"/> is a number about the row,
        /// computed only when <paramref name="wanted"/> (it may cost a logarithm), else 0.
        /// </summary>
        static abstract Vector512<float> Of(Vector512<float> a, Vector512<float> b, bool wanted, out double rowValue);

        /// <summary>The same formula for a row of any length, with one library call per step; returns the row's number.</summary>
        static abstract double Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result);
    }

    private readonly struct SoftmaxOf : IRowFormula
    {
        // Lanes past the row hold −∞: the maximum ignores them and e^(−∞) adds 0 to the sum.
        public static float Padding => float.NegativeInfinity;

        public static Vector512<float> Of(Vector512<float> x, Vector512<float> unused, bool wanted, out double logSumExp)
        {
            var max = MaxAcross(x);
            var e = Exp(x - Vector512.Create(max));
            var sum = SumAcross(e);
            logSumExp = wanted ? max + Math.Log(sum) : 0;
            return e / Vector512.Create(sum);
        }

        public static double Of(ReadOnlySpan<float> x, ReadOnlySpan<float> unused, Span<float> y)
        {
            var max = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, max, y);
            TensorPrimitives.Exp(y, y);
            var sum = TensorPrimitives.Sum(y);
            TensorPrimitives.Divide(y, sum, y);
            return max + Math.Log(sum);
        }
    }

    private readonly struct SoftmaxGradient : IRowFormula
    {
        public static float Padding => 0f;

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> y, bool wanted, out double rowValue)
        {
            rowValue = 0;
            return (g - Vector512.Create(SumAcross(g * y))) * y;
        }

        public static double Of(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx)
        {
            TensorPrimitives.Subtract(g, TensorPrimitives.Dot(g, y), dx);
            TensorPrimitives.Multiply(dx, y, dx);
            return 0;
        }
    }

    private readonly struct LogSoftmaxOf : IRowFormula
    {
        public static float Padding => float.NegativeInfinity;

        public static Vector512<float> Of(Vector512<float> x, Vector512<float> unused, bool wanted, out double rowValue)
        {
            rowValue = 0;
            var shifted = x - Vector512.Create(MaxAcross(x));
            return shifted - Vector512.Create(MathF.Log(SumAcross(Exp(shifted))));
        }

        public static double Of(ReadOnlySpan<float> x, ReadOnlySpan<float> unused, Span<float> y)
        {
            var max = TensorPrimitives.Max(x);
            TensorPrimitives.Subtract(x, max, y); // y holds e^(x − max) for a moment
            TensorPrimitives.Exp(y, y);
            var logSum = MathF.Log(TensorPrimitives.Sum(y));
            TensorPrimitives.Subtract(x, max, y);
            TensorPrimitives.Subtract(y, logSum, y);
            return 0;
        }
    }

    private readonly struct LogSoftmaxGradient : IRowFormula
    {
        public static float Padding => 0f;

        public static Vector512<float> Of(Vector512<float> g, Vector512<float> y, bool wanted, out double rowValue)
        {
            rowValue = 0;
            return Exp(y) * Vector512.Create(-SumAcross(g)) + g;
        }

        public static double Of(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx)
        {
            var sum = TensorPrimitives.Sum(g);
            TensorPrimitives.Exp(y, dx);
            TensorPrimitives.MultiplyAdd(dx, -sum, g, dx);
            return 0;
        }
    }

    /// <summary>
    /// result = formula(a, b) row by row; each row's number goes to <paramref name="rowValues"/> unless it
    /// is empty. A row of at most 16 values is one vector (with AVX-512), else the formula's library calls run.
    /// </summary>
    private static void ForEachRow<TFormula>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result, int length, Span<double> rowValues = default)
        where TFormula : IRowFormula
    {
        var rows = Rows(a, result, length);
        if (b.Length != a.Length) throw new ArgumentException($"softmax: {b.Length} values do not match the {a.Length} of the other input.");
        double rowValue;
        if (!OneVectorPerRow(length))
        {
            for (var r = 0; r < rows; r++)
            {
                rowValue = TFormula.Of(a.Slice(r * length, length), b.Slice(r * length, length), result.Slice(r * length, length));
                if (!rowValues.IsEmpty) rowValues[r] = rowValue;
            }
            return;
        }
        var mask = Mask(length);
        var padding = Vector512.Create(TFormula.Padding);
        fixed (float* pa = a, pb = b, pr = result)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = TFormula.Of(Load(pa, r, rows, length, mask, padding), Load(pb, r, rows, length, mask, Vector512<float>.Zero), !rowValues.IsEmpty, out rowValue);
                Store(pr, r, rows, length, mask, row);
                if (!rowValues.IsEmpty) rowValues[r] = rowValue;
            }
        }
    }

    /// <summary>
    /// eˣ for 16 values, with e⁰ exactly 1 (the vector exp gives 1.0000001): the row's largest score is shifted
    /// to 0, so a row of one value gets a softmax of exactly 1 and a log-softmax of exactly 0.
    /// </summary>
    private static Vector512<float> Exp(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512<float>.One, Vector512.Exp(x));

    private static bool OneVectorPerRow(int length) => length <= Lanes && Avx512F.IsSupported;

    /// <summary>The number of rows, after checking that both spans hold whole rows of the same count (none when rows are empty).</summary>
    private static int Rows(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int length)
    {
        if (length == 0 && a.Length == 0 && b.Length == 0) return 0;
        if (length <= 0 || a.Length % length != 0 || a.Length != b.Length)
        {
            throw new ArgumentException($"softmax: {a.Length} and {b.Length} values are not whole rows of {length}.");
        }
        return a.Length / length;
    }

    /// <summary>All bits set in the first <paramref name="length"/> lanes: the lanes a row of that length fills.</summary>
    private static Vector512<float> Mask(int length) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(length)).AsSingle();

    /// <summary>Row r's values in the first lanes, <paramref name="padding"/> in the others.</summary>
    private static Vector512<float> Load(float* values, int r, int rows, int length, Vector512<float> mask, Vector512<float> padding) =>
        WholeVector(r, rows, length)
            ? Vector512.ConditionalSelect(mask, Vector512.Load(values + r * length), padding)
            : Avx512F.MaskLoad(values + r * length, mask, padding);

    /// <summary>Writes row r's lanes of <paramref name="row"/> (and, but for the last rows, lanes of the next row that will be written again).</summary>
    private static void Store(float* values, int r, int rows, int length, Vector512<float> mask, Vector512<float> row)
    {
        if (WholeVector(r, rows, length)) Vector512.Store(row, values + r * length);
        else Avx512F.MaskStore(values + r * length, mask, row);
    }

    /// <summary>Whether a whole vector from row r's start stays inside the rows.</summary>
    private static bool WholeVector(int r, int rows, int length) => r * length + Lanes <= rows * length;

    /// <summary>
    /// The largest of the 16 lanes. The processor's own maximum may return either value when one is NaN,
    /// but a NaN anywhere in a row still makes the whole result NaN, through the sum of the exponentials.
    /// </summary>
    private static float MaxAcross(Vector512<float> v)
    {
        var half = Vector256.MaxNative(v.GetLower(), v.GetUpper());
        var quarter = Vector128.MaxNative(half.GetLower(), half.GetUpper());
        quarter = Vector128.MaxNative(quarter, Vector128.Shuffle(quarter, Vector128.Create(2, 3, 0, 1)));
        return MathF.Max(quarter.GetElement(0), quarter.GetElement(1));
    }

    /// <summary>The sum of the 16 lanes, folded in halves (512 → 256 → 128 → 64 bits) and then added.</summary>
    private static float SumAcross(Vector512<float> v)
    {
        var half = v.GetLower() + v.GetUpper();
        var quarter = half.GetLower() + half.GetUpper();
        quarter += Vector128.Shuffle(quarter, Vector128.Create(2, 3, 0, 1));
        return quarter.GetElement(0) + quarter.GetElement(1);
    }
}
