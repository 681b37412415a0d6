using System.Numerics.Tensors;
using NotebookCourse.Kernels;

namespace NotebookCourse;

// Dropout (Srivastava et al. 2014) as an operation on tensors, for hand-written models; the Dropout
// layer calls it while training.
public sealed partial class Tensor
{
    /// <summary>
    /// Inverted dropout: each value becomes 0 with probability <paramref name="rate"/> and the others
    /// are multiplied by 1 / (1 − rate), so the expected output equals the input. Use it while
    /// training only. The derivative is the same mask: dropped values pass no gradient back.
    /// </summary>
    /// <param name="rate">The fraction of values to drop, in [0, 1).</param>
    /// <param name="random">Where the random mask comes from (default <see cref="Generator"/>); one number is drawn per call.</param>
    public Tensor Dropout(float rate, Random? random = null)
    {
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), $"Dropout: rate must be in [0, 1), got {rate}.");
        if (rate == 0f) return this;
        var mask = NewData(Size); // 0 or 1 / (1 − rate) for each value
        ElementwiseKernels.FillDropoutMask(mask, rate, (ulong)(random ?? Generator).NextInt64());
        var y = Uninitialized();
        TensorPrimitives.Multiply(Data, mask, y);
        var x = this;
        return RecordOperation(y, Shape, "dropout", [x], g =>
        {
            var gx = x.GradToAddTo();
            TensorPrimitives.FusedMultiplyAdd(g, mask, gx, gx); // gx += g · mask
        });
    }
}
