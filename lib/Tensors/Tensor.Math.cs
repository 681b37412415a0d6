using System.Numerics;
using System.Numerics.Tensors;
using NotebookCourse.Kernels;

namespace NotebookCourse;

// Element-wise functions, each with its derivative right below its forward code.
public sealed partial class Tensor
{
    /// <summary>e to the power of each value, within half an ulp (exp(0) = 1 exactly). d/dx eˣ = eˣ.</summary>
    public Tensor Exp()
    {
        var x = this;
        var y = Uninitialized();
        PreciseMath.Exp(Data, y);
        return RecordOperation(y, Shape, "exp", [x], g =>
        {
            var gx = x.GradToAddTo();
            TensorPrimitives.FusedMultiplyAdd(g, y, gx, gx); // gx += g·eˣ
        });
    }

    /// <summary>The natural logarithm of each value. d/dx ln x = 1/x.</summary>
    public Tensor Log()
    {
        var x = this;
        var y = Uninitialized();
        TensorPrimitives.Log(Data, y);
        return RecordOperation(y, Shape, "log", [x], g => ElementwiseKernels.AddTo(x.GradToAddTo(), x.Data, g, new LogDerivative()));
    }

    /// <summary>dx += g / x.</summary>
    private readonly struct LogDerivative : IElementwiseFormula
    {
        public float Of(float x, float g) => g / x;

        public Vector<float> Of(Vector<float> x, Vector<float> g) => g / x;
    }

    /// <summary>Each value to the power <paramref name="exponent"/>. d/dx xᵖ = p·xᵖ⁻¹.</summary>
    public Tensor Pow(float exponent)
    {
        var x = this;
        var y = Uninitialized();
        var data = Data;
        for (var i = 0; i < y.Length; i++) y[i] = MathF.Pow(data[i], exponent);
        return RecordOperation(y, Shape, $"pow {exponent}", [x], g =>
        {
            var gx = x.GradToAddTo();
            var xd = x.Data;
            for (var i = 0; i < gx.Length; i++) gx[i] += g[i] * exponent * MathF.Pow(xd[i], exponent - 1);
        });
    }

    /// <summary>Each value squared (the same as Pow(2), a little faster).</summary>
    public Tensor Square() => this * this;

    /// <summary>The square root of each value. d/dx √x = 1 / (2√x).</summary>
    public Tensor Sqrt()
    {
        var x = this;
        var y = Uninitialized();
        TensorPrimitives.Sqrt(Data, y);
        return RecordOperation(y, Shape, "sqrt", [x], g => ElementwiseKernels.AddTo(x.GradToAddTo(), y, g, new SqrtDerivative()));
    }

    /// <summary>dx += g / (2y), from the saved result y = √x.</summary>
    private readonly struct SqrtDerivative : IElementwiseFormula
    {
        public float Of(float y, float g) => g * 0.5f / y;

        public Vector<float> Of(Vector<float> y, Vector<float> g) => g * new Vector<float>(0.5f) / y;
    }

    /// <summary>The absolute value of each value. d/dx |x| = sign(x): 1 above 0, −1 below, and 0 at 0 or NaN (as PyTorch).</summary>
    public Tensor Abs()
    {
        var x = this;
        var y = Uninitialized();
        TensorPrimitives.Abs(Data, y);
        return RecordOperation(y, Shape, "abs", [x], g => ElementwiseKernels.AddTo(x.GradToAddTo(), x.Data, g, new AbsDerivative()));
    }

    /// <summary>dx += g above 0, −g below, nothing at 0 or NaN (every comparison with NaN is false).</summary>
    private readonly struct AbsDerivative : IElementwiseFormula
    {
        public float Of(float x, float g) => x > 0f ? g : x < 0f ? -g : 0f;

        public Vector<float> Of(Vector<float> x, Vector<float> g)
            => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g,
                Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), -g, Vector<float>.Zero));
    }

    /// <summary>Each value limited to [min, max]. The gradient passes only where the value was inside.</summary>
    public Tensor Clamp(float min, float max)
    {
        if (min > max) throw new ArgumentException($"Clamp: min {min} is larger than max {max}.");
        var x = this;
        var y = Uninitialized();
        TensorPrimitives.Max(Data, min, y);
        TensorPrimitives.Min(y, max, y);
        return RecordOperation(y, Shape, "clamp", [x], g => ElementwiseKernels.AddTo(x.GradToAddTo(), x.Data, g, new ClampDerivative(min, max)));
    }

    /// <summary>dx += g where min ≤ x ≤ max (there Clamp is the identity), nothing where it cut the value off.</summary>
    private readonly struct ClampDerivative(float min, float max) : IElementwiseFormula
    {
        public float Of(float x, float g) => x >= min && x <= max ? g : 0f;

        public Vector<float> Of(Vector<float> x, Vector<float> g)
            => Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, new Vector<float>(min)) & Vector.LessThanOrEqual(x, new Vector<float>(max)), g, Vector<float>.Zero);
    }

    /// <summary>A new array of this tensor's size whose values are about to be overwritten.</summary>
    private float[] Uninitialized() => NewData(Size);
}
