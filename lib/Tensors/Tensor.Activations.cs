using System.Numerics;
using System.Numerics.Tensors;
using NotebookCourse.Kernels;

namespace NotebookCourse;

// Activation functions (활성화 함수) and softmax, each with its derivative.
public sealed partial class Tensor
{
    /// <summary>The logistic sigmoid 1 / (1 + e⁻ˣ), squashing any number into (0, 1). σ' = σ(1 − σ), at most 0.25.</summary>
    public Tensor Sigmoid()
    {
        var x = this;
        var y = Uninitialized();
        PreciseMath.Sigmoid(Data, y);
        return RecordOperation(y, Shape, "sigmoid", [x], g => ElementwiseKernels.AddTo(x.GradToAddTo(), y, g, new SigmoidDerivative()));
    }

    /// <summary>dx += g · σ'(x), with σ'(x) = σ(x)·(1 − σ(x)) = y·(1 − y) written with the output y.</summary>
    private readonly struct SigmoidDerivative : IElementwiseFormula
    {
        public float Of(float y, float g) => g * y * (1f - y);

        public Vector<float> Of(Vector<float> y, Vector<float> g) => g * y * (Vector<float>.One - y);
    }

    /// <summary>The hyperbolic tangent, squashing into (−1, 1), within half an ulp. tanh' = 1 − tanh².</summary>
    public Tensor Tanh()
    {
        var x = this;
        var y = Uninitialized();
        PreciseMath.Tanh(Data, y);
        return RecordOperation(y, Shape, "tanh", [x], g => ElementwiseKernels.AddTo(x.GradToAddTo(), y, g, new TanhDerivative()));
    }

    /// <summary>
    /// dx += g · tanh'(x), with tanh'(x) = 1 − y² written as (1 − y)(1 + y): the same number, but near
    /// y = ±1 it does not lose its digits to the cancellation of 1 − y·y.
    /// </summary>
    private readonly struct TanhDerivative : IElementwiseFormula
    {
        public float Of(float y, float g) => g * ((1f - y) * (1f + y));

        public Vector<float> Of(Vector<float> y, Vector<float> g) => g * ((Vector<float>.One - y) * (Vector<float>.One + y));
    }

    /// <summary>ReLU: max(0, x). Its derivative is 1 for x &gt; 0 and 0 otherwise, so it does not shrink gradients.</summary>
    public Tensor Relu()
    {
        var x = this;
        var y = Uninitialized();
        TensorPrimitives.Max(Data, 0f, y);
        return RecordOperation(y, Shape, "relu", [x], g => ElementwiseKernels.AddTo(x.GradToAddTo(), x.Data, g, new ReluDerivative()));
    }

    /// <summary>dx += g where x &gt; 0 (ReLU' = 1), nothing elsewhere (ReLU' = 0).</summary>
    private readonly struct ReluDerivative : IElementwiseFormula
    {
        public float Of(float x, float g) => x > 0f ? g : 0f;

        public Vector<float> Of(Vector<float> x, Vector<float> g) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g, Vector<float>.Zero);
    }

    /// <summary>Leaky ReLU: x for x &gt; 0, alpha·x otherwise (PyTorch's default alpha 0.01; the handouts use 0.1).</summary>
    public Tensor LeakyRelu(float alpha = 0.01f)
    {
        var x = this;
        var y = Uninitialized();
        var data = Data;
        for (var i = 0; i < y.Length; i++) y[i] = data[i] > 0f ? data[i] : alpha * data[i];
        return RecordOperation(y, Shape, "leaky_relu", [x], g => ElementwiseKernels.AddTo(x.GradToAddTo(), x.Data, g, new LeakyReluDerivative(alpha)));
    }

    /// <summary>dx += g where x &gt; 0, alpha·g elsewhere: the slope of each piece.</summary>
    private readonly struct LeakyReluDerivative(float alpha) : IElementwiseFormula
    {
        public float Of(float x, float g) => x > 0f ? g : alpha * g;

        public Vector<float> Of(Vector<float> x, Vector<float> g) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g, alpha * g);
    }

    /// <summary>ELU: x for x &gt; 0, alpha·(eˣ − 1) otherwise; smooth, with negative outputs. Derivative: 1, or alpha·eˣ.</summary>
    /// <remarks>eˣ − 1 is computed without cancellation (expm1), so small negative x keep their digits, and the
    /// derivative as alpha·eˣ rather than y + alpha, which cancels to noise for x below about −9.</remarks>
    public Tensor Elu(float alpha = 1f)
    {
        var x = this;
        var y = Uninitialized();
        var data = Data;
        for (var i = 0; i < y.Length; i++) y[i] = data[i] > 0f ? data[i] : alpha * PreciseMath.ExpM1(data[i]);
        return RecordOperation(y, Shape, "elu", [x], g =>
        {
            var gx = x.GradToAddTo();
            var xd = x.Data;
            for (var i = 0; i < gx.Length; i++) gx[i] += xd[i] > 0f ? g[i] : g[i] * alpha * MathF.Exp(xd[i]);
        });
    }

    /// <summary>
    /// Softmax along <paramref name="axis"/>: e^{xᵢ} / Σⱼ e^{xⱼ}, positive values that sum to 1 and keep the
    /// order. The maximum is subtracted first, so large scores cannot overflow.
    /// Derivative (vector-Jacobian product): dx = y ⊙ (g − Σ g⊙y).
    /// </summary>
    public Tensor Softmax(int axis = -1)
    {
        axis = NormalizeAxis(axis, "Softmax");
        var (outer, length, inner) = Split(axis);
        var y = Uninitialized();
        ForEachLine(outer, length, inner, (src, dst, _) => SoftmaxKernels.Softmax(src, dst, length), Data, y, Data);
        var x = this;
        return RecordOperation(y, Shape, "softmax", [x], g =>
        {
            var share = Uninitialized();
            ForEachLine(outer, length, inner, (gy, dx, yl) => SoftmaxKernels.SoftmaxBackward(gy, yl, dx, length), g, share, y);
            var gx = x.GradToAddTo();
            TensorPrimitives.Add(gx, share, gx);
        });
    }

    /// <summary>
    /// log(softmax(x)) along <paramref name="axis"/>, computed as x − max − log Σ e^{x−max} (log-sum-exp), finite
    /// even for scores of ±1000. Derivative: dx = g − softmax(x) · Σ g, where softmax(x) = e^{log softmax(x)}.
    /// </summary>
    public Tensor LogSoftmax(int axis = -1)
    {
        axis = NormalizeAxis(axis, "LogSoftmax");
        var (outer, length, inner) = Split(axis);
        var y = Uninitialized();
        ForEachLine(outer, length, inner, (src, dst, _) => SoftmaxKernels.LogSoftmax(src, dst, length), Data, y, Data);
        var x = this;
        return RecordOperation(y, Shape, "log_softmax", [x], g =>
        {
            var share = Uninitialized();
            ForEachLine(outer, length, inner, (gy, dx, yl) => SoftmaxKernels.LogSoftmaxBackward(gy, yl, dx, length), g, share, y);
            var gx = x.GradToAddTo();
            TensorPrimitives.Add(gx, share, gx);
        });
    }

    private delegate void LinesAction(ReadOnlySpan<float> a, Span<float> destination, ReadOnlySpan<float> b);

    /// <summary>
    /// Runs <paramref name="action"/> on the lines along the axis, as rows of <paramref name="length"/>: all
    /// of them at once when they are contiguous (inner is 1), else each line gathered into a row of its own.
    /// </summary>
    private static void ForEachLine(int outer, int length, int inner, LinesAction action, float[] a, float[] destination, float[] b)
    {
        if (inner == 1)
        {
            action(a, destination, b);
            return;
        }
        var lineA = new float[length];
        var lineB = new float[length];
        var lineD = new float[length];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                for (var l = 0; l < length; l++)
                {
                    lineA[l] = a[(o * length + l) * inner + i];
                    lineB[l] = b[(o * length + l) * inner + i];
                }
                action(lineA, lineD, lineB);
                for (var l = 0; l < length; l++) destination[(o * length + l) * inner + i] = lineD[l];
            }
        }
    }
}
