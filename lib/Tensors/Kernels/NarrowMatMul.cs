using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookCourse.Kernels;

/// <summary>
/// Matrix products whose result has few columns (n ≤ 16), such as the 10 class scores of a
/// classifier and the gradient of its [inputs, 10] weight matrix. <see cref="MatMulKernel"/> computes
/// 16 columns per vector, so for n = 10 it wastes 6 of 16 lanes; these two kernels instead run their
/// vectors along a long dimension, where every lane does useful work.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Rows of A times columns of B</b> (A row-major, e.g. the forward X·W): C[i, j] is a dot
/// product of row i of A and column j of B along k. Bᵀ (n rows of k values) is copied once, and a
/// block of C of 2 rows × 10 columns (10 class scores: one block) is computed per pass over k, in 20
/// vector accumulators.</item>
/// <item><b>Aᵀ times rows of B</b> (A stored [k, m], e.g. the weight gradient Xᵀ·G): for each k,
/// 32 neighbouring values of A's row times 10 values of B's row, so 32 rows × 10 columns
/// of C stay in registers, read straight from A and B, 64 rows of A (one panel) at a time.</item>
/// </list>
/// Ten columns per block means each value of A, the large operand (a batch of images), is loaded once for
/// all ten class scores (blocks of five loaded it twice, and measured slower). A product with fewer
/// columns computes ten all the same: such products (one output, three classes) come with small data sets.
/// Edges need no padded copies: a last row block starts early and overlaps the one before it (its
/// rows are stored once), and a last column block repeats the last column (computed, not stored).
/// Both need AVX-512 (<see cref="Vector512"/>); elsewhere <see cref="MatMulKernel"/> does the work.
/// </remarks>
internal static unsafe class NarrowMatMul
{
    /// <summary>The widest result this class handles; wider ones fill MatMulKernel's 16-column tiles.</summary>
    public const int MaxColumns = 16;

    private const int Lanes = 16;

    /// <summary>Products of at least this many multiply-adds (about 30 µs on one core) are split between the cores.</summary>
    private const long ParallelWork = 4_000_000;

    [ThreadStatic] private static float[]? t_packB;

    /// <summary>
    /// Computes C = op(A)·op(B) (or C += ...) when the shapes suit one of the kernels and returns true;
    /// returns false, touching nothing, otherwise.
    /// </summary>
    public static bool TryMultiply(float[] a, float[] b, float[] c, int m, int k, int n,
        bool transposeA, bool transposeB, bool accumulate)
    {
        if (n > MaxColumns || !Vector512.IsHardwareAccelerated || !Sse3.IsSupported) return false;
        if (!transposeA && k >= Lanes && m >= 2)
        {
            RowsTimesColumns(a, b, c, m, k, n, transposeB, accumulate);
            return true;
        }
        if (transposeA && !transposeB && m >= 2 * Lanes)
        {
            TransposedRowsTimesRows(a, b, c, m, k, n, accumulate);
            return true;
        }
        return false;
    }

    /// <summary>C[i, j] = Σₚ A[i, p]·op(B)[p, j] as dot products along k, in blocks of 2 rows × 10 columns.</summary>
    private static void RowsTimesColumns(float[] a, float[] b, float[] c, int m, int k, int n, bool transposeB, bool accumulate)
    {
        // Bᵀ: row j holds column j of op(B), k values side by side. A copy starts each row on a cache line,
        // so that none of the ten loads per step straddles two lines (when they did, the product took 1.6 times as long).
        var bt = new MatrixRows(b, 0, k);
        if (!transposeB)
        {
            bt = RentAligned(n, k);
            fixed (float* pb = b, pbt = bt.Values) Transpose(pb, k, n, pbt + bt.Start, bt.Stride);
        }
        var parts = Parts(m, 2, (long)m * k * n);
        if (parts > 1) DotRowsInParallel(parts, a, bt, c, m, k, n, accumulate);
        else DotRows(a, bt, c, k, n, 0, m, accumulate);
    }

    /// <summary>A matrix's rows inside an array: row j starts at <c>Values[Start + j·Stride]</c>.</summary>
    private readonly record struct MatrixRows(float[] Values, int Start, int Stride);

    // In their own methods, so that the single-core path does not allocate the lambdas' closures.
    private static void DotRowsInParallel(int parts, float[] a, MatrixRows bt, float[] c, int m, int k, int n, bool accumulate) =>
        InParallel(parts, m, 2, (first, last) => DotRows(a, bt, c, k, n, first, last, accumulate));

    private static void AxpyRowsInParallel(int parts, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate) =>
        InParallel(parts, m, 2 * Lanes, (first, last) => AxpyRows(a, b, c, m, k, n, first, last, accumulate));

    /// <summary>Rows [first, last) of C = A·Bᵀᵀ (at least 2 rows), in blocks of 2 rows × 10 columns.</summary>
    private static void DotRows(float[] a, MatrixRows bt, float[] c, int k, int n, int first, int last, bool accumulate)
    {
        var block = stackalloc float[2 * 10];
        fixed (float* pa = a, pbt = bt.Values, pc = c)
        {
            var pb = pbt + bt.Start;
            // Blocks of 2 rows; the last one starts at last − 2 and overlaps its neighbour, whose row it skips.
            for (int i = first, done = first; done < last; i = Math.Min(i + 2, last - 2))
            {
                // Blocks of 10 columns (10 class scores: one); past the last column a block repeats it (computed,
                // not stored). The first column block also asks for the next block's rows, a cache line of each
                // per step, so they are on their way from memory while these are multiplied.
                var next = i + 2 < last ? pa + (long)Math.Min(i + 2, last - 2) * k : null;
                for (var j = 0; j < n; j += 10)
                {
                    Dot2x10(pa + (long)i * k, pb, bt.Stride, k, j, n, block, j == 0 ? next : null);
                    Store(block, 1, 2, pc + (long)i * n + j, n, done - i, 2, Math.Min(10, n - j), accumulate);
                }
                done = i + 2;
            }
        }
    }

    /// <summary>
    /// How many cores share a product: one below <see cref="ParallelWork"/> multiply-adds (handing work to
    /// another thread costs several µs), else as many as have at least one block of rows each.
    /// </summary>
    private static int Parts(int m, int blockRows, long work) =>
        work < ParallelWork ? 1 : Math.Min(MatMulKernel.Threads, m / blockRows);

    /// <summary>Runs <paramref name="rows"/> on <paramref name="parts"/> ranges of rows that start at multiples of blockRows.</summary>
    private static void InParallel(int parts, int m, int blockRows, Action<int, int> rows) =>
        Parallel.For(0, parts, t =>
        {
            var first = (int)((long)m * t / parts / blockRows * blockRows);
            var last = t == parts - 1 ? m : (int)((long)m * (t + 1) / parts / blockRows * blockRows);
            rows(first, last);
        });

    /// <summary>
    /// block[q·2 + r] = dot product (length k) of row r of the 2 rows at a with row min(j + q, n − 1) of bt
    /// (rows <paramref name="ldb"/> apart),
    /// for q &lt; 10. Each step of 16 loads 2 + 10 vectors for 20 fused multiply-adds; <paramref name="ahead"/>,
    /// when not null, is 2 rows to ask the memory for meanwhile.
    /// </summary>
    private static void Dot2x10(float* a, float* bt, int ldb, int k, int j, int n, float* block, float* ahead)
    {
        float* a0 = a, a1 = a + k;
        float* b0 = Column(bt, ldb, j, n, 0), b1 = Column(bt, ldb, j, n, 1), b2 = Column(bt, ldb, j, n, 2), b3 = Column(bt, ldb, j, n, 3),
            b4 = Column(bt, ldb, j, n, 4), b5 = Column(bt, ldb, j, n, 5), b6 = Column(bt, ldb, j, n, 6), b7 = Column(bt, ldb, j, n, 7),
            b8 = Column(bt, ldb, j, n, 8), b9 = Column(bt, ldb, j, n, 9);
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s04 = default;
        Vector512<float> s05 = default, s06 = default, s07 = default, s08 = default, s09 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default, s14 = default;
        Vector512<float> s15 = default, s16 = default, s17 = default, s18 = default, s19 = default;
        var p = 0;
        for (; p <= k - Lanes; p += Lanes)
        {
            if (ahead != null)
            {
                Sse.Prefetch0(ahead + p);
                Sse.Prefetch0(ahead + k + p);
            }
            var x0 = Vector512.Load(a0 + p);
            var x1 = Vector512.Load(a1 + p);
            var w = Vector512.Load(b0 + p);
            s00 = Vector512.FusedMultiplyAdd(x0, w, s00); s10 = Vector512.FusedMultiplyAdd(x1, w, s10);
            w = Vector512.Load(b1 + p);
            s01 = Vector512.FusedMultiplyAdd(x0, w, s01); s11 = Vector512.FusedMultiplyAdd(x1, w, s11);
            w = Vector512.Load(b2 + p);
            s02 = Vector512.FusedMultiplyAdd(x0, w, s02); s12 = Vector512.FusedMultiplyAdd(x1, w, s12);
            w = Vector512.Load(b3 + p);
            s03 = Vector512.FusedMultiplyAdd(x0, w, s03); s13 = Vector512.FusedMultiplyAdd(x1, w, s13);
            w = Vector512.Load(b4 + p);
            s04 = Vector512.FusedMultiplyAdd(x0, w, s04); s14 = Vector512.FusedMultiplyAdd(x1, w, s14);
            w = Vector512.Load(b5 + p);
            s05 = Vector512.FusedMultiplyAdd(x0, w, s05); s15 = Vector512.FusedMultiplyAdd(x1, w, s15);
            w = Vector512.Load(b6 + p);
            s06 = Vector512.FusedMultiplyAdd(x0, w, s06); s16 = Vector512.FusedMultiplyAdd(x1, w, s16);
            w = Vector512.Load(b7 + p);
            s07 = Vector512.FusedMultiplyAdd(x0, w, s07); s17 = Vector512.FusedMultiplyAdd(x1, w, s17);
            w = Vector512.Load(b8 + p);
            s08 = Vector512.FusedMultiplyAdd(x0, w, s08); s18 = Vector512.FusedMultiplyAdd(x1, w, s18);
            w = Vector512.Load(b9 + p);
            s09 = Vector512.FusedMultiplyAdd(x0, w, s09); s19 = Vector512.FusedMultiplyAdd(x1, w, s19);
        }
        // Four sums at a time: columns q and q + 1 of both rows land at block[2q .. 2q + 3].
        Sum4(s00, s10, s01, s11, block);
        Sum4(s02, s12, s03, s13, block + 4);
        Sum4(s04, s14, s05, s15, block + 8);
        Sum4(s06, s16, s07, s17, block + 12);
        Sum4(s08, s18, s09, s19, block + 16);
        // The last k mod 16 steps, one value at a time.
        for (; p < k; p++)
        {
            for (var r = 0; r < 2; r++)
            {
                var x = a[r * k + p];
                for (var q = 0; q < 10; q++) block[2 * q + r] += x * Column(bt, ldb, j, n, q)[p];
            }
        }
    }

    /// <summary>Row min(j + q, n − 1) of bt (rows ldb apart): column j + q of op(B), or the last column past the end.</summary>
    private static float* Column(float* bt, int ldb, int j, int n, int q) => bt + (long)Math.Min(j + q, n - 1) * ldb;

    /// <summary>
    /// The sums of the 16 lanes of a, b, c and d, stored as four neighbouring values: each is folded to
    /// 4 lanes (512 → 256 → 128 bits), then two rounds of pairwise adds across the four give all four
    /// sums in one vector. About a fifth of the instructions of four separate Vector512.Sum calls.
    /// </summary>
    private static void Sum4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d, float* into)
    {
        var ab = Sse3.HorizontalAdd(Fold(a), Fold(b)); // a0+a1, a2+a3, b0+b1, b2+b3
        var cd = Sse3.HorizontalAdd(Fold(c), Fold(d));
        Sse3.HorizontalAdd(ab, cd).Store(into);         // Σa, Σb, Σc, Σd
    }

    /// <summary>The 16 lanes of v added down to 4: lanes i, i + 4, i + 8 and i + 12 summed into lane i.</summary>
    private static Vector128<float> Fold(Vector512<float> v)
    {
        var half = v.GetLower() + v.GetUpper();
        return half.GetLower() + half.GetUpper();
    }

    /// <summary>
    /// C[i, j] = Σₚ A[p, i]·B[p, j] for A stored [k, m] and B stored [k, n]: for every p, 32 neighbouring
    /// values of A's row p times 10 values of B's row p.
    /// </summary>
    private static void TransposedRowsTimesRows(float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
    {
        var parts = Parts(m, 2 * Lanes, (long)m * k * n);
        if (parts > 1) AxpyRowsInParallel(parts, a, b, c, m, k, n, accumulate);
        else AxpyRows(a, b, c, m, k, n, 0, m, accumulate);
    }

    /// <summary>
    /// Rows of A (values of p) per panel: 128 rows of 784 inputs are 400 KB, which stay in a core's cache. Each
    /// panel ends with its blocks added to C, so a batch of 100 rows, one panel, stores C once (with 64, twice,
    /// and the product took a quarter longer).
    /// </summary>
    private const int PanelRows = 128;

    /// <summary>
    /// Rows [first, last) of C = Aᵀ·B (at least 32 rows), in blocks of 32 rows × 10 columns, one panel of
    /// <see cref="PanelRows"/> rows of A at a time: a block adds up a panel's 128 steps and adds them to C.
    /// </summary>
    /// <remarks>
    /// A block reads 32 neighbouring values of each row of A, so going down all k rows at once reads memory
    /// with a stride of a whole row, a pattern the hardware cannot fetch ahead (three times slower than
    /// reading in order, for a batch larger than the cache). So while a block adds up one panel, it asks
    /// for its same 32 columns of the next panel: in every panel but the first, each block then finds its
    /// values already in the cache (a panel, 400 KB for 784 inputs, stays there until its blocks are done).
    /// </remarks>
    private static void AxpyRows(float[] a, float[] b, float[] c, int m, int k, int n, int first, int last, bool accumulate)
    {
        const int Rows = 2 * Lanes;
        var block = stackalloc float[10 * Rows];
        fixed (float* pa = a, pb = b, pc = c)
        {
            for (var p = 0; p < k; p += PanelRows)
            {
                int steps = Math.Min(PanelRows, k - p), aheadSteps = Math.Clamp(k - p - PanelRows, 0, PanelRows);
                var add = accumulate || p > 0;
                // Blocks of 32 rows; the last one starts at last − 32 and overlaps its neighbour, whose rows it skips.
                for (int i = first, done = first; done < last; i = Math.Min(i + Rows, last - Rows))
                {
                    var panel = pa + (long)p * m + i;
                    // Blocks of 10 columns; past the last column a block repeats it (computed, not stored).
                    for (var j = 0; j < n; j += 10)
                    {
                        var cols = Math.Min(10, n - j);
                        Axpy32x10(panel, m, pb + (long)p * n, steps, j, n, block, j == 0 ? aheadSteps : 0);
                        // Five columns at a time (what StoreColumns transposes).
                        StoreColumns(block, Rows, pc + (long)i * n + j, n, done - i, Math.Min(5, cols), add);
                        if (cols > 5) StoreColumns(block + 5 * Rows, Rows, pc + (long)i * n + j + 5, n, done - i, cols - 5, add);
                    }
                    done = i + Rows;
                }
            }
        }
    }

    /// <summary>
    /// block[q·32 + r] = Σₚ a[p·lda + r]·b[p·n + min(j + q, n − 1)] for r &lt; 32, q &lt; 10: per p, two vectors
    /// of A times ten broadcast values of B into twenty accumulators. For the first <paramref name="aheadSteps"/>
    /// values of p it also asks the memory for the same two vectors <see cref="PanelRows"/> rows further on.
    /// </summary>
    private static void Axpy32x10(float* a, int lda, float* b, int k, int j, int n, float* block, int aheadSteps)
    {
        int q1 = Math.Min(j + 1, n - 1), q2 = Math.Min(j + 2, n - 1), q3 = Math.Min(j + 3, n - 1), q4 = Math.Min(j + 4, n - 1),
            q5 = Math.Min(j + 5, n - 1), q6 = Math.Min(j + 6, n - 1), q7 = Math.Min(j + 7, n - 1), q8 = Math.Min(j + 8, n - 1),
            q9 = Math.Min(j + 9, n - 1);
        var ahead = a + (long)PanelRows * lda;
        Vector512<float> e0 = default, e1 = default, e2 = default, e3 = default, e4 = default;
        Vector512<float> e5 = default, e6 = default, e7 = default, e8 = default, e9 = default;
        Vector512<float> o0 = default, o1 = default, o2 = default, o3 = default, o4 = default;
        Vector512<float> o5 = default, o6 = default, o7 = default, o8 = default, o9 = default;
        for (var p = 0; p < k; p++)
        {
            var row = a + (long)p * lda;
            if (p < aheadSteps)
            {
                Sse.Prefetch0(ahead + (long)p * lda);
                Sse.Prefetch0(ahead + (long)p * lda + Lanes);
            }
            var x = Vector512.Load(row);
            var y = Vector512.Load(row + Lanes);
            var u = b + (long)p * n;
            var s = Vector512.Create(u[j]);
            e0 = Vector512.FusedMultiplyAdd(x, s, e0); o0 = Vector512.FusedMultiplyAdd(y, s, o0);
            s = Vector512.Create(u[q1]);
            e1 = Vector512.FusedMultiplyAdd(x, s, e1); o1 = Vector512.FusedMultiplyAdd(y, s, o1);
            s = Vector512.Create(u[q2]);
            e2 = Vector512.FusedMultiplyAdd(x, s, e2); o2 = Vector512.FusedMultiplyAdd(y, s, o2);
            s = Vector512.Create(u[q3]);
            e3 = Vector512.FusedMultiplyAdd(x, s, e3); o3 = Vector512.FusedMultiplyAdd(y, s, o3);
            s = Vector512.Create(u[q4]);
            e4 = Vector512.FusedMultiplyAdd(x, s, e4); o4 = Vector512.FusedMultiplyAdd(y, s, o4);
            s = Vector512.Create(u[q5]);
            e5 = Vector512.FusedMultiplyAdd(x, s, e5); o5 = Vector512.FusedMultiplyAdd(y, s, o5);
            s = Vector512.Create(u[q6]);
            e6 = Vector512.FusedMultiplyAdd(x, s, e6); o6 = Vector512.FusedMultiplyAdd(y, s, o6);
            s = Vector512.Create(u[q7]);
            e7 = Vector512.FusedMultiplyAdd(x, s, e7); o7 = Vector512.FusedMultiplyAdd(y, s, o7);
            s = Vector512.Create(u[q8]);
            e8 = Vector512.FusedMultiplyAdd(x, s, e8); o8 = Vector512.FusedMultiplyAdd(y, s, o8);
            s = Vector512.Create(u[q9]);
            e9 = Vector512.FusedMultiplyAdd(x, s, e9); o9 = Vector512.FusedMultiplyAdd(y, s, o9);
        }
        e0.Store(block); o0.Store(block + Lanes);
        e1.Store(block + 2 * Lanes); o1.Store(block + 3 * Lanes);
        e2.Store(block + 4 * Lanes); o2.Store(block + 5 * Lanes);
        e3.Store(block + 6 * Lanes); o3.Store(block + 7 * Lanes);
        e4.Store(block + 8 * Lanes); o4.Store(block + 9 * Lanes);
        e5.Store(block + 10 * Lanes); o5.Store(block + 11 * Lanes);
        e6.Store(block + 12 * Lanes); o6.Store(block + 13 * Lanes);
        e7.Store(block + 14 * Lanes); o7.Store(block + 15 * Lanes);
        e8.Store(block + 16 * Lanes); o8.Store(block + 17 * Lanes);
        e9.Store(block + 18 * Lanes); o9.Store(block + 19 * Lanes);
    }

    /// <summary>
    /// Writes (or adds) rows [first, last) and the first <paramref name="cols"/> columns of a block of
    /// results, where element (r, q) is at block[r·rowStep + q·colStep], into C (row length ldc).
    /// </summary>
    private static void Store(float* block, int rowStep, int colStep, float* c, int ldc, int first, int last, int cols, bool accumulate)
    {
        for (var r = first; r < last; r++)
        {
            var row = c + (long)r * ldc;
            var values = block + r * rowStep;
            if (accumulate)
            {
                for (var q = 0; q < cols; q++) row[q] += values[q * colStep];
            }
            else
            {
                for (var q = 0; q < cols; q++) row[q] = values[q * colStep];
            }
        }
    }

    /// <summary>
    /// Writes (or adds) rows [first, 32) of a 32 × 4 block stored column by column (element (r, q) at
    /// block[q·32 + r]) into C. Four full rows at a time are turned from columns into rows with a 4 × 4
    /// transpose of 128-bit vectors, so each row of C gets one 4-value store (and a fifth column its own).
    /// </summary>
    private static void StoreColumns(float* block, int rows, float* c, int ldc, int first, int cols, bool accumulate)
    {
        var r = first;
        if (cols >= 4 && Sse.IsSupported)
        {
            for (; r + 4 <= rows; r += 4)
            {
                var v0 = Vector128.Load(block + r);
                var v1 = Vector128.Load(block + rows + r);
                var v2 = Vector128.Load(block + 2 * rows + r);
                var v3 = Vector128.Load(block + 3 * rows + r);
                Transpose4x4(ref v0, ref v1, ref v2, ref v3);
                StoreRow(c + (long)r * ldc, v0, accumulate);
                StoreRow(c + (long)(r + 1) * ldc, v1, accumulate);
                StoreRow(c + (long)(r + 2) * ldc, v2, accumulate);
                StoreRow(c + (long)(r + 3) * ldc, v3, accumulate);
                // A fifth column, one value per row.
                Store(block + 4 * rows, 1, rows, c + 4, ldc, r, r + 4, cols - 4, accumulate);
            }
        }
        Store(block, 1, rows, c, ldc, r, rows, cols, accumulate);
    }

    /// <summary>Turns four 4-value rows into four 4-value columns (needs SSE).</summary>
    private static void Transpose4x4(ref Vector128<float> v0, ref Vector128<float> v1, ref Vector128<float> v2, ref Vector128<float> v3)
    {
        Vector128<float> low01 = Sse.UnpackLow(v0, v1), low23 = Sse.UnpackLow(v2, v3);
        Vector128<float> high01 = Sse.UnpackHigh(v0, v1), high23 = Sse.UnpackHigh(v2, v3);
        v0 = Sse.MoveLowToHigh(low01, low23);
        v1 = Sse.MoveHighToLow(low23, low01);
        v2 = Sse.MoveLowToHigh(high01, high23);
        v3 = Sse.MoveHighToLow(high23, high01);
    }

    /// <summary>bt[j·ldb + p] = b[p·n + j]: the [k, n] matrix b as [n, k] (rows ldb apart), in 4 × 4 pieces where they fit.</summary>
    private static void Transpose(float* b, int k, int n, float* bt, int ldb)
    {
        var j = 0;
        if (Sse.IsSupported)
        {
            for (; j + 4 <= n; j += 4)
            {
                var p = 0;
                for (; p + 4 <= k; p += 4)
                {
                    var source = b + (long)p * n + j;
                    var v0 = Vector128.Load(source);
                    var v1 = Vector128.Load(source + n);
                    var v2 = Vector128.Load(source + 2 * n);
                    var v3 = Vector128.Load(source + 3 * n);
                    Transpose4x4(ref v0, ref v1, ref v2, ref v3);
                    var target = bt + (long)j * ldb + p;
                    v0.Store(target);
                    v1.Store(target + ldb);
                    v2.Store(target + 2 * ldb);
                    v3.Store(target + 3 * ldb);
                }
                for (; p < k; p++)
                {
                    for (var q = j; q < j + 4; q++) bt[(long)q * ldb + p] = b[(long)p * n + q];
                }
            }
        }
        for (; j < n; j++)
        {
            var column = bt + (long)j * ldb;
            var source = b + j;
            for (var p = 0; p < k; p++, source += n) column[p] = *source;
        }
    }

    private static void StoreRow(float* row, Vector128<float> values, bool accumulate) =>
        (accumulate ? Vector128.Load(row) + values : values).Store(row);

    /// <summary>
    /// Room for <paramref name="rows"/> rows of <paramref name="length"/> values in this thread's reusable
    /// buffer, each row starting on a 64-byte cache line (the buffer is pinned, so its address stays put).
    /// </summary>
    private static MatrixRows RentAligned(int rows, int length)
    {
        var stride = (length + Lanes - 1) / Lanes * Lanes;
        var needed = rows * stride + Lanes;
        if (t_packB is null || t_packB.Length < needed) t_packB = GC.AllocateUninitializedArray<float>(Math.Max(needed, 1024), pinned: true);
        fixed (float* start = t_packB)
        {
            var misalignment = (int)((nint)start % 64) / sizeof(float);
            return new MatrixRows(t_packB, (Lanes - misalignment) % Lanes, stride);
        }
    }
}
