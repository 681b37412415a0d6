namespace NotebookCourse.Kernels;

/// <summary>
/// Float arrays kept for reuse, keyed by exact length (a tensor's data must be exactly its size).
/// Only <see cref="TensorScope"/> puts arrays here, and only arrays no live tensor can reach.
/// </summary>
/// <remarks>
/// Training repeats the same shapes every batch, so after the first batch every request finds an
/// array of its length. The pool holds at most <see cref="MaxBytes"/>; arrays beyond that are left
/// to the garbage collector. Thread-safe (one lock; a batch rents a few dozen arrays).
/// </remarks>
internal static class BufferPool
{
    /// <summary>The most memory the pool keeps (256 MB): enough for the intermediates of a large batch.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    private static readonly Dictionary<int, Stack<float[]>> s_free = [];
    private static readonly Lock s_lock = new();
    private static long s_bytes;

    /// <summary>An array of exactly <paramref name="length"/> values with unspecified contents.</summary>
    public static float[] Rent(int length)
    {
        lock (s_lock)
        {
            if (s_free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                s_bytes -= length * sizeof(float);
                return stack.Pop();
            }
        }
        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>Gives arrays back; the caller guarantees nothing uses them any more.</summary>
    public static void Return(List<float[]> arrays)
    {
        lock (s_lock)
        {
            foreach (var array in arrays)
            {
                long bytes = array.Length * sizeof(float);
                if (s_bytes + bytes > MaxBytes) continue;
                if (!s_free.TryGetValue(array.Length, out var stack)) s_free[array.Length] = stack = new Stack<float[]>();
                stack.Push(array);
                s_bytes += bytes;
            }
        }
    }
}
