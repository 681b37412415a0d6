namespace NotebookCourse.Metrics;

/// <summary>
/// The fraction of samples whose predicted class is right. Predictions [batch, classes] are read by
/// argmax; targets may be one-hot rows [batch, classes] or class indices [batch] / [batch, 1]. For a
/// single output column [batch, 1] it is <see cref="BinaryAccuracy"/> (threshold 0.5), as in Keras.
/// </summary>
/// <param name="name">The key in training logs (Keras uses the name the metric was asked for, e.g. "categorical_accuracy").</param>
public sealed class Accuracy(string name = "accuracy") : Metric
{
    /// <inheritdoc/>
    public override string Name => name;

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
