using System.Globalization;

namespace NotebookCourse.Training;

/// <summary>
/// Stops training as soon as the loss is no longer a finite number (NaN or infinity), and says in
/// which epoch and batch it happened (Keras's TerminateOnNaN). Typical causes: a learning rate that
/// is too large, or inputs that were not scaled.
/// </summary>
public sealed class StopOnNaN : Callback
{
    private int _epoch;

    /// <summary>The epoch (from 1) in which the loss stopped being finite, or null.</summary>
    public int? Epoch { get; private set; }

    /// <summary>The batch (from 1, within <see cref="Epoch"/>) in which the loss stopped being finite, or null.</summary>
    public int? Batch { get; private set; }

    /// <summary>Writes the stop message to the console when training ends (default) or stays quiet; the history's notes have it either way.</summary>
    public bool Print { get; init; } = true;

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        Epoch = null;
        Batch = null;
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch) => _epoch = epoch + 1;

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (Epoch is not null || !logs.TryGetValue("loss", out var loss) || double.IsFinite(loss)) return;
        Epoch = _epoch;
        Batch = batch + 1;
        var reason = FormattableString.Invariant($"StopOnNaN: the loss became {loss} in epoch {_epoch}/{Epochs}, batch {batch + 1}/{Batches}; training stopped. ")
            + "Try a smaller learning rate or scale the inputs (e.g. min-max scaling).";
        Stop(reason);
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(History history)
    {
        if (Print && StopReason is not null) Console.WriteLine(StopReason);
    }
}
