using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit.Abstractions;

namespace NotebookCourse.Tests.Support;

/// <summary>
/// Measures how the time and memory of a piece of work grow with its input: the same work on an input
/// and on one ten times larger, in the same run, so a slow or busy machine slows both alike. Linear work
/// takes about 10× the time and memory; quadratic work about 100× the time. The bounds are generous
/// (time may grow up to 50×: the machine is shared and noisy), but well below what quadratic work gives.
/// Time is the CPU time of the measuring thread (on Linux), not the wall clock: on a machine with more
/// runnable processes than cores a long run is preempted where a short one is not, which would inflate
/// the ratio of wall-clock times.
/// </summary>
public static class Scaling
{
    /// <summary>Tests that measure time run alone, so other tests' threads do not disturb the clock.</summary>
    public const string Collection = "Scaling measurements";

    /// <summary>One size: the input's bytes, the best time of a run, and the bytes one run allocated.</summary>
    public sealed record Sample(long InputBytes, double Milliseconds, long AllocatedBytes);

    /// <summary>The two sizes measured (or, from <see cref="Compare"/>, the reference and the work on one input).</summary>
    public sealed record Result(string Name, Sample Small, Sample Large)
    {
        /// <summary>Large time / small time.</summary>
        public double TimeRatio => Large.Milliseconds / Small.Milliseconds;

        /// <summary>Large allocation / small allocation.</summary>
        public double AllocationRatio => (double)Large.AllocatedBytes / Math.Max(1, Small.AllocatedBytes);

        /// <summary>Bytes allocated per byte of input, for the large size.</summary>
        public double BytesPerInputByte => (double)Large.AllocatedBytes / Math.Max(1, Large.InputBytes);

        /// <inheritdoc/>
        public override string ToString() =>
            $"{Name}: {Small.InputBytes:N0} B in {Small.Milliseconds:F2} ms ({Small.AllocatedBytes:N0} B allocated), " +
            $"{Large.InputBytes:N0} B in {Large.Milliseconds:F2} ms ({Large.AllocatedBytes:N0} B allocated): " +
            $"time ×{TimeRatio:F1}, memory ×{AllocationRatio:F1}, {BytesPerInputByte:F1} B allocated per input byte";
    }

    /// <summary>
    /// Measures <paramref name="prepare"/>'s work at <paramref name="smallSize"/> and at 10× that size.
    /// <paramref name="prepare"/> builds the input for a size (outside the measurement) and returns its
    /// size in bytes and the work to time. The work runs on this thread, so its allocations are counted.
    /// </summary>
    public static Result Measure(string name, Func<int, (long InputBytes, Action Run)> prepare, int smallSize, int factor = 10)
    {
        var (smallBytes, small) = prepare(smallSize);
        var (largeBytes, large) = prepare(smallSize * factor);
        small(); // the first call compiles the code
        // The small input is repeated until a sample lasts about 20 ms, so timer noise stays small.
        var start = ThreadMilliseconds();
        small();
        var repeats = (int)Math.Clamp(20 / Math.Max(ThreadMilliseconds() - start, 0.01), 1, 1000);
        var smallSample = MeasureSize(smallBytes, small, repeats);
        var largeSample = MeasureSize(largeBytes, large, Math.Max(1, repeats / factor));
        return new Result(name, smallSample, largeSample);
    }

    /// <summary>
    /// Measures two pieces of work on the same input: <paramref name="work"/>, and a reference such as
    /// reading the file's bytes once. The result's ratios say how many times the reference the work costs.
    /// </summary>
    public static Result Compare(string name, long inputBytes, Action work, string referenceName, Action reference)
    {
        work();
        reference();
        var start = ThreadMilliseconds();
        reference();
        var repeats = (int)Math.Clamp(20 / Math.Max(ThreadMilliseconds() - start, 0.01), 1, 1000);
        return new Result($"{name} against {referenceName}", MeasureSize(inputBytes, reference, repeats), MeasureSize(inputBytes, work, repeats));
    }

    /// <summary>
    /// Asserts that time and memory grew about linearly (at most 5× the size factor for time, 2× for
    /// memory) and that the large run allocated at most <paramref name="maxBytesPerInputByte"/> per
    /// input byte; writes the measurement to the test output.
    /// </summary>
    public static void AssertLinear(Result result, ITestOutputHelper output, double maxBytesPerInputByte, int factor = 10)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.TimeRatio < factor * 5, $"time grew faster than the input: {result}");
        Assert.True(result.AllocationRatio < factor * 2, $"memory grew faster than the input: {result}");
        Assert.True(result.BytesPerInputByte < maxBytesPerInputByte, $"more than {maxBytesPerInputByte} bytes allocated per input byte: {result}");
    }

    private static Sample MeasureSize(long inputBytes, Action run, int repeats)
    {
        var best = double.MaxValue;
        long allocated = 0;
        for (var sample = 0; sample < 3; sample++)
        {
            // Each sample starts from a collected heap, so a collection the tests before left due does not land
            // inside one sample (a full collection of the test host's heap can take longer than the work).
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = ThreadMilliseconds();
            for (var i = 0; i < repeats; i++) run();
            best = Math.Min(best, (ThreadMilliseconds() - start) / repeats);
            allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / repeats;
        }
        return new Sample(inputBytes, best, allocated);
    }

    /// <summary>The CPU time this thread has used (Linux), else the wall clock.</summary>
    private static double ThreadMilliseconds()
    {
        const int ClockThreadCpuTime = 3;
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var time) == 0) return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
        return Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}

/// <summary>The collection of tests that time work: they run one at a time, after the others.</summary>
[CollectionDefinition(Scaling.Collection, DisableParallelization = true)]
public sealed class ScalingCollection
{
}
