using MathNet.Numerics.Distributions;

namespace NotebookCourse;

// Ways to make a tensor: from C# values, filled with a constant, a range, or random numbers.
public sealed partial class Tensor
{
    private static Random s_generator = new(0);
    private static readonly AsyncLocal<Random?> s_generatorOverride = new();

    /// <summary>The random generator used when none is passed: seeded with 0 until <see cref="ManualSeed"/>.</summary>
    public static Random Generator => s_generatorOverride.Value ?? s_generator;

    /// <summary>
    /// Makes <see cref="Generator"/> return <paramref name="random"/> in this flow of code until the scope is
    /// disposed. Reading a model file rebuilds layers with starting values the file then overwrites: drawn
    /// from a private generator, they leave yours where it was (ManualSeed, Load, Fit stays repeatable).
    /// </summary>
    internal static IDisposable UseGenerator(Random random)
    {
        var previous = s_generatorOverride.Value;
        s_generatorOverride.Value = random;
        return new GeneratorScope(previous);
    }

    private sealed class GeneratorScope(Random? previous) : IDisposable
    {
        public void Dispose() => s_generatorOverride.Value = previous;
    }

    /// <summary>Restarts the default random generator: the same seed gives the same numbers, run after run.</summary>
    public static void ManualSeed(int seed) => s_generator = new Random(seed);

    /// <summary>A tensor with one value and no axes (rank 0).</summary>
    public static Tensor Scalar(float value, bool requiresGrad = false) => new([value], [], requiresGrad);

    /// <summary>A vector holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(float[] values, bool requiresGrad = false) => new((float[])values.Clone(), [values.Length], requiresGrad);

    /// <summary>A vector from double values (converted to float32).</summary>
    public static Tensor FromArray(double[] values, bool requiresGrad = false) => new(Array.ConvertAll(values, v => (float)v), [values.Length], requiresGrad);

    /// <summary>A matrix holding a copy of <paramref name="values"/>: <c>Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } })</c>.</summary>
    public static Tensor FromArray(float[,] values, bool requiresGrad = false)
    {
        var data = new float[values.Length];
        Buffer.BlockCopy(values, 0, data, 0, data.Length * sizeof(float));
        return new Tensor(data, [values.GetLength(0), values.GetLength(1)], requiresGrad);
    }

    /// <summary>A matrix from double values (converted to float32).</summary>
    public static Tensor FromArray(double[,] values, bool requiresGrad = false)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var data = new float[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++) data[i * cols + j] = (float)values[i, j];
        }
        return new Tensor(data, [rows, cols], requiresGrad);
    }

    /// <summary>A rank-3 tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(float[,,] values, bool requiresGrad = false)
    {
        var data = new float[values.Length];
        Buffer.BlockCopy(values, 0, data, 0, data.Length * sizeof(float));
        return new Tensor(data, [values.GetLength(0), values.GetLength(1), values.GetLength(2)], requiresGrad);
    }

    /// <summary>A matrix whose rows are the given arrays (all the same length).</summary>
    public static Tensor FromRows(IReadOnlyList<float[]> rows, bool requiresGrad = false)
    {
        if (rows.Count == 0) return new Tensor([], [0, 0], requiresGrad);
        var cols = rows[0].Length;
        var data = new float[rows.Count * cols];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != cols)
            {
                throw new ArgumentException($"FromRows: row {i} has {rows[i].Length} values but row 0 has {cols}.", nameof(rows));
            }
            rows[i].CopyTo(data, i * cols);
        }
        return new Tensor(data, [rows.Count, cols], requiresGrad);
    }

    /// <summary>A tensor of zeros: <c>Tensor.Zeros(3, 4)</c>.</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[SizeOf(shape)], (int[])shape.Clone());

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(shape, 1f);

    /// <summary>A tensor with every value equal to <paramref name="value"/>.</summary>
    public static Tensor Full(int[] shape, float value)
    {
        var data = new float[SizeOf(shape)];
        Array.Fill(data, value);
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>Zeros with the same shape as <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Shape);

    /// <summary>Ones with the same shape as <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like) => Ones(like.Shape);

    /// <summary>0, 1, ..., count-1 as a vector.</summary>
    public static Tensor Arange(int count) => Arange(0, count, 1);

    /// <summary>start, start+step, ... up to but not including stop, like NumPy's arange.</summary>
    public static Tensor Arange(float start, float stop, float step = 1f)
    {
        if (step == 0 || float.IsNaN(step)) throw new ArgumentException("Arange: step must be a non-zero number.", nameof(step));
        var count = Math.Max(0, (int)Math.Ceiling((stop - start) / (double)step));
        var data = new float[count];
        for (var i = 0; i < count; i++) data[i] = start + i * step;
        return new Tensor(data, [count]);
    }

    /// <summary>count evenly spaced values from start to stop, both included.</summary>
    public static Tensor Linspace(float start, float stop, int count)
    {
        var data = new float[count];
        for (var i = 0; i < count; i++) data[i] = count == 1 ? start : start + (stop - start) * i / (count - 1);
        return new Tensor(data, [count]);
    }

    /// <summary>Values drawn from a normal distribution (standard normal by default).</summary>
    public static Tensor RandomNormal(int[] shape, float mean = 0f, float std = 1f, Random? random = null, bool requiresGrad = false)
    {
        var samples = new double[SizeOf(shape)];
        Normal.Samples(random ?? s_generator, samples, mean, std);
        return new Tensor(Array.ConvertAll(samples, v => (float)v), (int[])shape.Clone(), requiresGrad);
    }

    /// <summary>Values drawn uniformly from [low, high).</summary>
    public static Tensor RandomUniform(int[] shape, float low = 0f, float high = 1f, Random? random = null, bool requiresGrad = false)
    {
        var rng = random ?? s_generator;
        var data = new float[SizeOf(shape)];
        for (var i = 0; i < data.Length; i++) data[i] = (float)(low + (high - low) * rng.NextDouble());
        return new Tensor(data, (int[])shape.Clone(), requiresGrad);
    }

    /// <summary>Turns a float to a one-value tensor, so <c>loss * 0.5f</c> and <c>2f - x</c> work.</summary>
    public static implicit operator Tensor(float value) => Scalar(value);
}
