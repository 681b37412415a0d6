using System.Numerics.Tensors;

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
        var total = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var zr = z.AsSpan(r * classes, classes);
            var yr = y.AsSpan(r * classes, classes);
            var sr = softmax.AsSpan(r * classes, classes);
            var max = TensorPrimitives.Max(zr);
            TensorPrimitives.Subtract(zr, max, sr);
            TensorPrimitives.Exp(sr, sr);
            var sumExp = TensorPrimitives.Sum(sr);
            TensorPrimitives.Divide(sr, sumExp, sr);
            var logSumExp = max + Math.Log(sumExp);
            double ySum = 0, yz = 0;
            for (var c = 0; c < classes; c++)
            {
                ySum += yr[c];
                if (yr[c] != 0f) yz += (double)yr[c] * zr[c];
            }
            total += ySum * logSumExp - yz;
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
