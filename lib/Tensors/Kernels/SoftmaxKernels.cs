using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookCourse.Kernels;

/// <summary>
/// The loops of softmax and log-softmax over the rows of a row-major matrix, forward and backward (the
/// formulas are explained in Tensor.Softmax and Tensor.LogSoftmax). A classifier's rows are short, 10
/// class scores, where a library call per row and step costs more than the arithmetic: a row of at most
/// 16 values is therefore one AVX-512 vector. Longer rows, or a processor without AVX-512, take one
/// TensorPrimitives call per step and row.
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
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y, int length, Span<double> logSumExp = default)
    {
        var rows = Rows(x, y, length);
        if (!OneVectorPerRow(length))
        {
            for (var r = 0; r < rows; r++)
            {
                var src = x.Slice(r * length, length);
                var dst = y.Slice(r * length, length);
                var max = TensorPrimitives.Max(src);
                TensorPrimitives.Subtract(src, max, dst);
                TensorPrimitives.Exp(dst, dst);
                var sum = TensorPrimitives.Sum(dst);
                TensorPrimitives.Divide(dst, sum, dst);
                if (!logSumExp.IsEmpty) logSumExp[r] = max + Math.Log(sum);
            }
            return;
        }
        var mask = Mask(length);
        var minusInfinity = Vector512.Create(float.NegativeInfinity);
        fixed (float* px = x, py = y)
        {
            for (var r = 0; r < rows; r++)
            {
                // Lanes past the row hold −∞: the maximum ignores them and e^(−∞) adds 0 to the sum.
                var row = Load(px, r, rows, length, mask, minusInfinity);
                var max = MaxAcross(row);
                var e = Exp(row - Vector512.Create(max));
                var sum = SumAcross(e);
                Store(py, r, rows, length, mask, e / Vector512.Create(sum));
                if (!logSumExp.IsEmpty) logSumExp[r] = max + Math.Log(sum);
            }
        }
    }

    /// <summary>dx = y ⊙ (g − Σ g⊙y) for each row: the gradient of softmax, given its output y and the incoming gradient g.</summary>
    public static void SoftmaxBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx, int length)
    {
        var rows = Rows(g, dx, length);
        if (!OneVectorPerRow(length))
        {
            for (var r = 0; r < rows; r++)
            {
                var gr = g.Slice(r * length, length);
                var yr = y.Slice(r * length, length);
                var dr = dx.Slice(r * length, length);
                TensorPrimitives.Subtract(gr, TensorPrimitives.Dot(gr, yr), dr);
                TensorPrimitives.Multiply(dr, yr, dr);
            }
            return;
        }
        var mask = Mask(length);
        fixed (float* pg = g, py = y, pd = dx)
        {
            for (var r = 0; r < rows; r++)
            {
                var gr = Load(pg, r, rows, length, mask, Vector512<float>.Zero);
                var yr = Load(py, r, rows, length, mask, Vector512<float>.Zero);
                var dot = SumAcross(gr * yr);
                Store(pd, r, rows, length, mask, (gr - Vector512.Create(dot)) * yr);
            }
        }
    }

    /// <summary>y = (x − max) − log Σ e^(x − max) for each row: log-softmax, finite even for scores of ±1000.</summary>
    public static void LogSoftmax(ReadOnlySpan<float> x, Span<float> y, int length)
    {
        var rows = Rows(x, y, length);
        if (!OneVectorPerRow(length))
        {
            for (var r = 0; r < rows; r++)
            {
                var src = x.Slice(r * length, length);
                var dst = y.Slice(r * length, length);
                var max = TensorPrimitives.Max(src);
                TensorPrimitives.Subtract(src, max, dst); // dst holds e^(x − max) for a moment
                TensorPrimitives.Exp(dst, dst);
                var logSum = MathF.Log(TensorPrimitives.Sum(dst));
                TensorPrimitives.Subtract(src, max, dst);
                TensorPrimitives.Subtract(dst, logSum, dst);
            }
            return;
        }
        var mask = Mask(length);
        var minusInfinity = Vector512.Create(float.NegativeInfinity);
        fixed (float* px = x, py = y)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = Load(px, r, rows, length, mask, minusInfinity);
                var shifted = row - Vector512.Create(MaxAcross(row));
                var logSum = MathF.Log(SumAcross(Exp(shifted)));
                Store(py, r, rows, length, mask, shifted - Vector512.Create(logSum));
            }
        }
    }

    /// <summary>dx = g − e^y · Σ g for each row: the gradient of log-softmax, given its output y (e^y is the softmax).</summary>
    public static void LogSoftmaxBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx, int length)
    {
        var rows = Rows(g, dx, length);
        if (!OneVectorPerRow(length))
        {
            for (var r = 0; r < rows; r++)
            {
                var gr = g.Slice(r * length, length);
                var dr = dx.Slice(r * length, length);
                var sum = TensorPrimitives.Sum(gr);
                TensorPrimitives.Exp(y.Slice(r * length, length), dr);
                TensorPrimitives.MultiplyAdd(dr, -sum, gr, dr);
            }
            return;
        }
        var mask = Mask(length);
        fixed (float* pg = g, py = y, pd = dx)
        {
            for (var r = 0; r < rows; r++)
            {
                var gr = Load(pg, r, rows, length, mask, Vector512<float>.Zero);
                var softmax = Exp(Load(py, r, rows, length, mask, Vector512<float>.Zero));
                Store(pd, r, rows, length, mask, softmax * Vector512.Create(-SumAcross(gr)) + gr);
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
