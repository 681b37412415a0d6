using System.Numerics.Tensors;
using NotebookCourse.Kernels;

namespace NotebookCourse.Losses;

/// <summary>
/// Softmax and cross-entropy fused into one operation on scores (logits) z, one row per sample:
///   loss = mean over rows of (Σy)·logΣe^z − Σ y·z     (= −Σ y·log softmax(z), via log-sum-exp),
///   dloss/dz = (softmax(z)·Σy − y) / rows               (= (softmax − y) / batch for one-hot y).
/// Subtracting the row maximum first keeps it finite for scores of ±1000.
/// </summary>
internal static class SoftmaxCrossEntropy
{
    public static Tensor FromLogits(Tensor logits, Tensor targets)
    {
        var classes = logits.Shape[^1];
        if (classes == 0) throw new ArgumentException("cross-entropy: the class axis is empty.");
        var rows = logits.Size / classes;
        var z = logits.Data;
        var y = targets.Data;
        var softmax = Tensor.NewData(logits.Size); // pooled inside a Tensor.Scope
        Span<double> logSumExp = rows <= 1024 ? stackalloc double[rows] : new double[rows]; // log Σ e^z per row
        SoftmaxKernels.Softmax(z, softmax, classes, logSumExp);
        var total = 0.0;
        for (var r = 0; r < rows; r++)
        {
            double ySum = 0, yz = 0;
            for (var i = r * classes; i < (r + 1) * classes; i++)
            {
                ySum += y[i];
                if (y[i] != 0f) yz += (double)y[i] * z[i];
            }
            total += ySum * logSumExp[r] - yz;
        }
        var loss = (float)(total / rows);
        return Tensor.RecordOperation([loss], [], "softmax_cross_entropy", [logits], g =>
        {
            var scale = g[0] / rows;
            var gz = logits.GradToAddTo();
            for (var r = 0; r < rows; r++)
            {
                var yr = y.AsSpan(r * classes, classes);
                var ySum = TensorPrimitives.Sum(yr);
                for (var c = 0; c < classes; c++)
                {
                    var i = r * classes + c;
                    gz[i] += scale * (softmax[i] * ySum - y[i]); // (softmax − y) / rows for one-hot y
                }
            }
        });
    }
}
