namespace NotebookCourse.Metrics;

/// <summary>
/// The fraction of samples whose predicted class is right. Predictions [batch, classes] are read by
/// argmax; targets may be one-hot rows [batch, classes] or class indices [batch] / [batch, 1]. For a
/// single output column [batch, 1] it is <see cref="BinaryAccuracy"/> (threshold 0.5), as in Keras.
/// </summary>
public sealed class Accuracy : Metric
{
    /// <inheritdoc/>
    public override string Name => "accuracy";

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets)
    {
        var predicted = Classes.Predicted(predictions, targets, out var truth);
        if (predicted.Length == 0) return double.NaN;
        var right = 0;
        for (var i = 0; i < predicted.Length; i++) if (predicted[i] == truth[i]) right++;
        return (double)right / predicted.Length;
    }
}
