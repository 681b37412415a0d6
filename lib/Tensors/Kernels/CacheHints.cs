using System.Runtime.Intrinsics.X86;

namespace NotebookCourse.Kernels;

/// <summary>
/// Hints to the processor about memory that will be read soon. Copying rows scattered over a large
/// data set (a shuffled mini-batch) otherwise waits for main memory at the start of every row.
/// </summary>
internal static unsafe class CacheHints
{
    /// <summary>Starts loading <paramref name="values"/> into the cache; a hint only, results never change.</summary>
    public static void Prefetch(ReadOnlySpan<float> values)
    {
        if (!Sse.IsSupported) return;
        fixed (float* start = values)
        {
            for (var i = 0; i < values.Length; i += 16) Sse.Prefetch0(start + i); // one hint per 64-byte cache line
        }
    }
}
