using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookCourse.Kernels;

/// <summary>
/// C = op(A) · op(B) for row-major matrices, where op transposes when asked. This is the one hot
/// loop of training; the gradient code in Tensor.MatMul.cs only calls it.
/// </summary>
/// <remarks>
/// How it is fast (the classic "GEBP" design of BLAS libraries, kept small):
/// <list type="number">
/// <item>B is read in panels 16 columns wide: in place from a row-major B; a transposed B, and a
/// last panel narrower than 16, are first copied ("packed") zero-padded, so the inner loop always
/// reads 16 neighbouring values per k (no transpose copy of the whole matrix).</item>
/// <item>A is read in place, <see cref="s_rows"/> rows (a "sliver") at a time: from a row-major A
/// through one pointer per row, from a transposed A as neighbouring values; only a last, partial
/// sliver is copied into a zero-padded buffer.</item>
/// <item>A micro-kernel keeps a tile of C (8 rows × 16 columns with AVX-512, 6 × 16 with AVX2) in
/// vector registers and, for each k, adds one B row times each A value with fused multiply-add.</item>
/// <item>k is cut into blocks of <see cref="KBlock"/> so a B panel block stays in the L1 cache while
/// every A sliver streams past it; large products split the A slivers between the cores.</item>
/// </list>
/// The packing buffers are kept per thread and reused, so a call allocates nothing after warm-up.
/// </remarks>
internal static unsafe class MatMulKernel
{
    /// <summary>Columns of C computed by one micro-kernel call (one Vector512, or two Vector256).</summary>
    private const int Cols = 16;

    /// <summary>k-block length: 256 × 16 floats of a B panel is 16 KB, half of an L1 data cache.</summary>
    private const int KBlock = 256;

    /// <summary>Below this many multiply-adds a product runs on one core (thread hand-off costs ~10 µs).</summary>
    private const long ParallelThreshold = 500_000;

    private enum Path { Scalar, V256, V512 }

    private static readonly Path s_path = ChoosePath();

    /// <summary>Rows of C per micro-kernel call: enough accumulators to hide FMA latency without spilling.</summary>
    private static readonly int s_rows = s_path == Path.V512 ? 8 : 6;

    /// <summary>Threads for large products: all cores, or NOTEBOOKCOURSE_MATMUL_THREADS (for benchmarks).</summary>
    private static readonly int s_threads = int.TryParse(Environment.GetEnvironmentVariable("NOTEBOOKCOURSE_MATMUL_THREADS"), out var t) && t > 0
        ? t : Environment.ProcessorCount;

    /// <summary>How many threads large products use (NarrowMatMul shares the setting).</summary>
    internal static int Threads => s_threads;

    [ThreadStatic] private static float[]? t_packA;
    [ThreadStatic] private static float[]? t_packB;

    /// <summary>Which instruction set the micro-kernel uses: "avx512", "avx2" or "scalar" (for benchmarks and tests).</summary>
    public static string InstructionSet => s_path switch { Path.V512 => "avx512", Path.V256 => "avx2", _ => "scalar" };

    private static Path ChoosePath()
    {
        var forced = Environment.GetEnvironmentVariable("NOTEBOOKCOURSE_MATMUL");
        if (forced == "scalar") return Path.Scalar;
        if (forced != "avx2" && Vector512.IsHardwareAccelerated) return Path.V512;
        if (Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported) return Path.V256;
        return Path.Scalar;
    }

    /// <summary>
    /// C[m, n] = op(A)[m, k] · op(B)[k, n] (or C += ... when <paramref name="accumulate"/>).
    /// A is stored [m, k], or [k, m] when <paramref name="transposeA"/>; B is [k, n], or [n, k] when <paramref name="transposeB"/>.
    /// </summary>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (m < 0 || k < 0 || n < 0) throw new ArgumentException($"matmul: negative size m={m}, k={k}, n={n}.");
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
        {
            throw new ArgumentException($"matmul: arrays of {a.Length}, {b.Length}, {c.Length} values are too short for m={m}, k={k}, n={n}.");
        }
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) Array.Clear(c, 0, m * n);
            return;
        }
        // Results at most 16 columns wide (e.g. 10 class scores) would leave lanes of the 16-column tile idle.
        if (s_path == Path.V512 && NarrowMatMul.TryMultiply(a, b, c, m, k, n, transposeA, transposeB, accumulate)) return;

        var rows = s_rows;
        var slivers = (m + rows - 1) / rows;
        var panels = (n + Cols - 1) / Cols;
        var packB = Rent(ref t_packB, panels * Cols * k);
        PackB(b, packB, k, n, transposeB);

        var job = new Job(a, b, packB, c, m, k, n, transposeA, transposeB, accumulate);
        var work = (long)m * k * n;
        var threads = Math.Min(s_threads, slivers);
        if (work < ParallelThreshold || threads < 2)
        {
            Run(job, 0, slivers);
            return;
        }
        Parallel.For(0, threads, t =>
        {
            var first = (int)((long)slivers * t / threads);
            var last = (int)((long)slivers * (t + 1) / threads);
            Run(job, first, last);
        });
    }

    /// <summary>Everything one thread needs to compute its share of C.</summary>
    private readonly record struct Job(float[] A, float[] B, float[] PackB, float[] C, int M, int K, int N, bool TransposeA, bool TransposeB, bool Accumulate);

    /// <summary>Computes the rows of C in slivers [first, last).</summary>
    /// <remarks>
    /// Full slivers read A where it is (8 rows of a row-major A are 8 pointers a row apart; of a
    /// transposed A, 8 neighbouring values per k); only a last, partial sliver is packed with zeros.
    /// </remarks>
    private static void Run(in Job job, int firstSliver, int lastSliver)
    {
        int m = job.M, k = job.K, n = job.N, rows = s_rows;
        var panels = (n + Cols - 1) / Cols;
        var tail = m % rows != 0 && lastSliver * rows > m ? lastSliver - 1 : -1;
        var packA = tail >= 0 ? Rent(ref t_packA, rows * k) : null;
        if (packA is not null) PackA(job.A, packA, m, k, job.TransposeA, tail);
        fixed (float* pa = job.A, pbRaw = job.B, pt = packA, pb = job.PackB, pc = job.C)
        {
            for (var k0 = 0; k0 < k; k0 += KBlock)
            {
                var kc = Math.Min(KBlock, k - k0);
                var add = job.Accumulate || k0 > 0;
                for (var panel = 0; panel < panels; panel++)
                {
                    var j0 = panel * Cols;
                    var cols = Math.Min(Cols, n - j0);
                    // A full panel of a row-major B is read in place (16 values per k, a row apart);
                    // a transposed B and a last, partial panel come from the packed copy.
                    var inPlace = !job.TransposeB && cols == Cols;
                    var bBlock = inPlace ? new BPanel(pbRaw + (long)k0 * n + j0, n) : new BPanel(pb + (long)panel * Cols * k + (long)k0 * Cols, Cols);
                    for (var s = firstSliver; s < lastSliver; s++)
                    {
                        var i0 = s * rows;
                        var tileRows = Math.Min(rows, m - i0);
                        var c = pc + (long)i0 * n + j0;
                        if (s == tail) Tile(new APanel(pt + (long)k0 * rows, rows, 1), bBlock, kc, c, n, tileRows, cols, add);
                        else if (job.TransposeA) Tile(new APanel(pa + (long)k0 * m + i0, m, 1), bBlock, kc, c, n, tileRows, cols, add);
                        else Tile(new APanel(pa + (long)i0 * k + k0, 1, k), bBlock, kc, c, n, tileRows, cols, add);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Where a sliver's A values are: element (row r, step p) is at <c>Start[p·Step + r·RowStride]</c>.
    /// Packed: Step = rows, RowStride = 1. Row-major A: Step = 1, RowStride = k. Transposed A: Step = m, RowStride = 1.
    /// </summary>
    /// <summary>Where a panel's B values are: the 16 values for step p start at <c>Start[p·Step]</c>.</summary>
    private readonly struct BPanel(float* start, nint step)
    {
        public readonly float* Start = start;
        public readonly nint Step = step;
    }

    private readonly struct APanel(float* start, nint step, nint rowStride)
    {
        public readonly float* Start = start;
        public readonly nint Step = step;
        public readonly nint RowStride = rowStride;
    }

    /// <summary>One tile of C: full tiles go straight to the micro-kernel, edge tiles through a small buffer.</summary>
    private static void Tile(APanel a, BPanel b, int kc, float* c, int ldc, int tileRows, int cols, bool add)
    {
        var rows = s_rows;
        if (tileRows == rows && cols == Cols)
        {
            MicroKernel(a, b, kc, c, ldc, add);
            return;
        }
        var edge = stackalloc float[8 * Cols];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < Cols; j++) edge[r * Cols + j] = add && r < tileRows && j < cols ? c[r * ldc + j] : 0f;
        }
        MicroKernel(a, b, kc, edge, Cols, add: true);
        for (var r = 0; r < tileRows; r++)
        {
            for (var j = 0; j < cols; j++) c[r * ldc + j] = edge[r * Cols + j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MicroKernel(APanel a, BPanel b, int kc, float* c, int ldc, bool add)
    {
        switch (s_path)
        {
            case Path.V512: Kernel8x16Avx512(a, b, kc, c, ldc, add); break;
            case Path.V256: Kernel6x16Avx2(a, b, kc, c, ldc, add); break;
            default: KernelScalar(a, b, kc, c, ldc, add); break;
        }
    }

    /// <summary>8 × 16 tile in eight 512-bit accumulators; per k, 8 values of A and 16 of B.</summary>
    private static void Kernel8x16Avx512(APanel ap, BPanel bp, int kc, float* c, int ldc, bool add)
    {
        Vector512<float> c0, c1, c2, c3, c4, c5, c6, c7;
        if (add)
        {
            c0 = Vector512.Load(c); c1 = Vector512.Load(c + ldc);
            c2 = Vector512.Load(c + 2 * ldc); c3 = Vector512.Load(c + 3 * ldc);
            c4 = Vector512.Load(c + 4 * ldc); c5 = Vector512.Load(c + 5 * ldc);
            c6 = Vector512.Load(c + 6 * ldc); c7 = Vector512.Load(c + 7 * ldc);
        }
        else
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector512<float>.Zero;
        }
        var a = ap.Start;
        var b = bp.Start;
        var bStep = bp.Step;
        nint step = ap.Step, r1 = ap.RowStride, r2 = 2 * r1, r3 = 3 * r1, r4 = 4 * r1, r5 = 5 * r1, r6 = 6 * r1, r7 = 7 * r1;
        for (var p = 0; p < kc; p++)
        {
            var bv = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), bv, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[r1]), bv, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[r2]), bv, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[r3]), bv, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[r4]), bv, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[r5]), bv, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[r6]), bv, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[r7]), bv, c7);
            a += step;
            b += bStep;
        }
        c0.Store(c); c1.Store(c + ldc); c2.Store(c + 2 * ldc); c3.Store(c + 3 * ldc);
        c4.Store(c + 4 * ldc); c5.Store(c + 5 * ldc); c6.Store(c + 6 * ldc); c7.Store(c + 7 * ldc);
    }

    /// <summary>6 × 16 tile in twelve 256-bit accumulators (fits the 16 AVX2 registers); a holds 6 values per k.</summary>
    private static void Kernel6x16Avx2(APanel ap, BPanel bp, int kc, float* c, int ldc, bool add)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (add)
        {
            c00 = Vector256.Load(c); c01 = Vector256.Load(c + 8);
            c10 = Vector256.Load(c + ldc); c11 = Vector256.Load(c + ldc + 8);
            c20 = Vector256.Load(c + 2 * ldc); c21 = Vector256.Load(c + 2 * ldc + 8);
            c30 = Vector256.Load(c + 3 * ldc); c31 = Vector256.Load(c + 3 * ldc + 8);
            c40 = Vector256.Load(c + 4 * ldc); c41 = Vector256.Load(c + 4 * ldc + 8);
            c50 = Vector256.Load(c + 5 * ldc); c51 = Vector256.Load(c + 5 * ldc + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<float>.Zero;
        }
        var a = ap.Start;
        var b = bp.Start;
        var bStep = bp.Step;
        nint step = ap.Step, r1 = ap.RowStride, r2 = 2 * r1, r3 = 3 * r1, r4 = 4 * r1, r5 = 5 * r1;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var s = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(s, b0, c00); c01 = Vector256.FusedMultiplyAdd(s, b1, c01);
            s = Vector256.Create(a[r1]);
            c10 = Vector256.FusedMultiplyAdd(s, b0, c10); c11 = Vector256.FusedMultiplyAdd(s, b1, c11);
            s = Vector256.Create(a[r2]);
            c20 = Vector256.FusedMultiplyAdd(s, b0, c20); c21 = Vector256.FusedMultiplyAdd(s, b1, c21);
            s = Vector256.Create(a[r3]);
            c30 = Vector256.FusedMultiplyAdd(s, b0, c30); c31 = Vector256.FusedMultiplyAdd(s, b1, c31);
            s = Vector256.Create(a[r4]);
            c40 = Vector256.FusedMultiplyAdd(s, b0, c40); c41 = Vector256.FusedMultiplyAdd(s, b1, c41);
            s = Vector256.Create(a[r5]);
            c50 = Vector256.FusedMultiplyAdd(s, b0, c50); c51 = Vector256.FusedMultiplyAdd(s, b1, c51);
            a += step;
            b += bStep;
        }
        c00.Store(c); c01.Store(c + 8);
        c10.Store(c + ldc); c11.Store(c + ldc + 8);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 8);
        c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 8);
    }

    /// <summary>The same tile in plain code, for machines without AVX2/FMA.</summary>
    private static void KernelScalar(APanel ap, BPanel bp, int kc, float* c, int ldc, bool add)
    {
        var rows = s_rows;
        var acc = stackalloc float[8 * Cols];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < Cols; j++) acc[r * Cols + j] = add ? c[r * ldc + j] : 0f;
        }
        var a = ap.Start;
        var b = bp.Start;
        var bStep = bp.Step;
        for (var p = 0; p < kc; p++)
        {
            for (var r = 0; r < rows; r++)
            {
                var s = a[r * ap.RowStride];
                for (var j = 0; j < Cols; j++) acc[r * Cols + j] += s * b[j];
            }
            a += ap.Step;
            b += bStep;
        }
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < Cols; j++) c[r * ldc + j] = acc[r * Cols + j];
        }
    }

    /// <summary>
    /// Copies op(B) into panels of 16 columns: panel j holds, for every k, columns 16j..16j+15
    /// side by side (zeros past column n).
    /// </summary>
    private static void PackB(float[] b, float[] packed, int k, int n, bool transposed)
    {
        var panels = (n + Cols - 1) / Cols;
        for (var panel = 0; panel < panels; panel++)
        {
            var j0 = panel * Cols;
            var cols = Math.Min(Cols, n - j0);
            if (!transposed && cols == Cols) continue; // read in place
            var dst = packed.AsSpan(panel * Cols * k, Cols * k);
            if (cols < Cols) dst.Clear();
            if (!transposed)
            {
                // B is [k, n]: copy a row piece per k.
                for (var p = 0; p < k; p++) b.AsSpan(p * n + j0, cols).CopyTo(dst.Slice(p * Cols, cols));
            }
            else
            {
                // B is stored [n, k]: column j of op(B) is row j of the array.
                for (var j = 0; j < cols; j++)
                {
                    var src = b.AsSpan((j0 + j) * k, k);
                    for (var p = 0; p < k; p++) dst[p * Cols + j] = src[p];
                }
            }
        }
    }

    /// <summary>
    /// Copies sliver <paramref name="sliver"/> of op(A): for every k, rows s·R..s·R+R−1 side by side
    /// (zeros past row m), where R is <see cref="s_rows"/>.
    /// </summary>
    private static void PackA(float[] a, float[] packed, int m, int k, bool transposed, int sliver)
    {
        var rows = s_rows;
        var i0 = sliver * rows;
        var count = Math.Min(rows, m - i0);
        var dst = packed.AsSpan(0, rows * k);
        dst.Clear();
        if (!transposed)
        {
            // A is [m, k]: row i is contiguous; it becomes every R-th value.
            for (var r = 0; r < count; r++)
            {
                var src = a.AsSpan((i0 + r) * k, k);
                for (var p = 0; p < k; p++) dst[p * rows + r] = src[p];
            }
        }
        else
        {
            // A is stored [k, m]: the R values for one k are already side by side.
            for (var p = 0; p < k; p++) a.AsSpan(p * m + i0, count).CopyTo(dst.Slice(p * rows, count));
        }
    }

    private static float[] Rent(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = GC.AllocateUninitializedArray<float>(Math.Max(length, 1024), pinned: true);
        return buffer;
    }

    /// <summary>The transpose of a row-major [rows, cols] matrix.</summary>
    public static float[] Transpose(float[] source, int rows, int cols)
    {
        var result = GC.AllocateUninitializedArray<float>(rows * cols);
        const int Block = 32;
        for (var i0 = 0; i0 < rows; i0 += Block)
        {
            for (var j0 = 0; j0 < cols; j0 += Block)
            {
                int iEnd = Math.Min(i0 + Block, rows), jEnd = Math.Min(j0 + Block, cols);
                for (var i = i0; i < iEnd; i++)
                {
                    for (var j = j0; j < jEnd; j++) result[j * rows + i] = source[i * cols + j];
                }
            }
        }
        return result;
    }
}
