using System.Globalization;
using NotebookCourse.Presentation;

namespace NotebookCourse.Training;

/// <summary>
/// Stops training when a monitored value (default "val_loss") has not improved for
/// <see cref="Patience"/> epochs, optionally putting back the weights of the best epoch
/// (Keras's EarlyStopping). A remedy for over-fitting: stop when validation stops getting better.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private float[][]? _bestWeights;
    private int _wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The logged value to watch, e.g. "val_loss" or "val_accuracy".</param>
    /// <param name="patience">How many epochs without improvement to accept before stopping.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement.</param>
    /// <param name="restoreBestWeights">Whether to put back the weights of the best epoch when stopping.</param>
    /// <param name="mode">"min" (smaller is better), "max", or "auto": max for accuracies, min otherwise.</param>
    public EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, bool restoreBestWeights = false, string mode = "auto")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), $"EarlyStopping: patience must be 0 or more, got {patience}.");
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), $"EarlyStopping: minDelta must be 0 or more, got {minDelta}.");
        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
        HigherIsBetter = mode switch
        {
            "min" => false,
            "max" => true,
            "auto" => monitor.Contains("acc", StringComparison.OrdinalIgnoreCase) || monitor.Contains("precision", StringComparison.OrdinalIgnoreCase)
                || monitor.Contains("recall", StringComparison.OrdinalIgnoreCase) || monitor.Contains("f1", StringComparison.OrdinalIgnoreCase),
            _ => throw new ArgumentException($"EarlyStopping: mode must be \"auto\", \"min\" or \"max\", got \"{mode}\".", nameof(mode)),
        };
    }

    /// <summary>The logged value watched.</summary>
    public string Monitor { get; }

    /// <summary>Epochs without improvement accepted before stopping.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether the best epoch's weights are put back when training stops.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>True when larger values are better (accuracy), false when smaller are (loss).</summary>
    public bool HigherIsBetter { get; }

    /// <summary>The best value seen so far.</summary>
    public double Best { get; private set; }

    /// <summary>The epoch (from 1) with the best value, or 0 before any.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The epoch (from 1) after which training was stopped, or 0 when it ran to the end.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        _wait = 0;
        _bestWeights = null;
        Best = HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        BestEpoch = 0;
        StoppedEpoch = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue(Monitor, out var current))
        {
            throw new InvalidOperationException(
                $"EarlyStopping monitors '{Monitor}' but the epoch's logs only have: {string.Join(", ", logs.Keys)}. " +
                (Monitor.StartsWith("val_", StringComparison.Ordinal) ? "Pass validationData or validationSplit to Fit, or monitor a training value." : "Check the name."));
        }
        _wait++;
        if (IsImprovement(current))
        {
            Best = current;
            BestEpoch = epoch + 1;
            _wait = 0;
            if (RestoreBestWeights) _bestWeights = CopyWeights();
            return;
        }
        if (_wait < Patience || epoch == 0) return;
        StoppedEpoch = epoch + 1;
        var restored = RestoreBestWeights && _bestWeights is not null;
        if (restored) PutBackWeights(_bestWeights!);
        Stop(FormattableString.Invariant($"EarlyStopping: {Monitor} has not improved for {_wait} epoch(s); stopped after epoch {epoch + 1}. ")
            + FormattableString.Invariant($"Best {Monitor} {NumberText.Logged(Best)} in epoch {BestEpoch}")
            + (restored ? "; its weights were restored." : "."));
    }

    private bool IsImprovement(double value)
    {
        if (double.IsNaN(value)) return false;
        return HigherIsBetter ? value - MinDelta > Best : value + MinDelta < Best;
    }

    private float[][] CopyWeights() => [.. Model!.Parameters().Select(p => (float[])p.Data.Clone())];

    private void PutBackWeights(float[][] weights)
    {
        var i = 0;
        foreach (var p in Model!.Parameters()) weights[i++].CopyTo(p.Data, 0);
    }
}
