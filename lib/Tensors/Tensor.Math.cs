using System.Numerics.Tensors;

namespace NotebookCourse;

// Element-wise functions, each with its derivative right below its forward code.
public sealed partial class Tensor
{
    /// <summary>e to the power of each value, within half an ulp (exp(0) = 1 exactly). d/dx eˣ = eˣ.</summary>
    public Tensor Exp()
    {
        var x = this;
        var y = Uninitialized();
        Kernels.PreciseMath.Exp(Data, y);
        return Result(y, Shape, "exp", [x], g => x.AccumulateOwnedGrad(Product(g.Data, y)));
    }

    /// <summary>The natural logarithm of each value. d/dx ln x = 1/x.</summary>
    public Tensor Log()
    {
        var x = this;
        var y = Uninitialized();
        TensorPrimitives.Log(Data, y);
        return Result(y, Shape, "log", [x], g =>
        {
            var gx = Uninitialized();
            TensorPrimitives.Divide(g.Data, x.Data, gx);
            x.AccumulateOwnedGrad(gx);
        });
    }

    /// <summary>Each value to the power <paramref name="exponent"/>. d/dx xᵖ = p·xᵖ⁻¹.</summary>
    public Tensor Pow(float exponent)
    {
        var x = this;
        var y = Uninitialized();
        for (var i = 0; i < y.Length; i++) y[i] = MathF.Pow(Data[i], exponent);
        return Result(y, Shape, $"pow {exponent}", [x], g =>
        {
            var gx = Uninitialized();
            for (var i = 0; i < gx.Length; i++) gx[i] = g.Data[i] * exponent * MathF.Pow(x.Data[i], exponent - 1);
            x.AccumulateOwnedGrad(gx);
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
        return Result(y, Shape, "sqrt", [x], g =>
        {
            var gx = Uninitialized();
            for (var i = 0; i < gx.Length; i++) gx[i] = g.Data[i] * 0.5f / y[i];
            x.AccumulateOwnedGrad(gx);
        });
    }

    /// <summary>The absolute value of each value. d/dx |x| = sign(x): 1 above 0, −1 below, and 0 at 0 or NaN (as PyTorch).</summary>
    public Tensor Abs()
    {
        var x = this;
        var y = Uninitialized();
        TensorPrimitives.Abs(Data, y);
        return Result(y, Shape, "abs", [x], g =>
        {
            var gx = Uninitialized();
            for (var i = 0; i < gx.Length; i++) gx[i] = x.Data[i] > 0f ? g.Data[i] : x.Data[i] < 0f ? -g.Data[i] : 0f;
            x.AccumulateOwnedGrad(gx);
        });
    }

    /// <summary>Each value limited to [min, max]. The gradient passes only where the value was inside.</summary>
    public Tensor Clamp(float min, float max)
    {
        if (min > max) throw new ArgumentException($"Clamp: min {min} is larger than max {max}.");
        var x = this;
        var y = Uninitialized();
        TensorPrimitives.Max(Data, min, y);
        TensorPrimitives.Min(y, max, y);
        return Result(y, Shape, "clamp", [x], g =>
        {
            var gx = x.Uninitialized();
            Kernels.ElementwiseKernels.ClampBackward(x.Data, g.Data, min, max, gx);
            x.AccumulateOwnedGrad(gx);
        });
    }

    /// <summary>A new array of this tensor's size whose values are about to be overwritten.</summary>
    private float[] Uninitialized() => NewData(Size);

    private static float[] Product(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var result = NewData(a.Length);
        TensorPrimitives.Multiply(a, b, result);
        return result;
    }
}
