using NotebookCourse.Layers;

namespace NotebookCourse.Training;

/// <summary>
/// Code that <c>Fit</c> calls at fixed moments of training (like Keras callbacks): override the
/// moments you need. Epoch and batch arguments count from 0, as in Keras; messages count from 1.
/// </summary>
/// <example><code>
/// class Halve : Callback { public override void OnEpochEnd(int epoch, IReadOnlyDictionary&lt;string, double&gt; logs) =&gt; Optimizer!.LearningRate /= 2; }
/// </code></example>
public abstract class Callback
{
    /// <summary>The model being trained (set by <c>Fit</c> before <see cref="OnTrainBegin"/>).</summary>
    public Module? Model { get; internal set; }

    /// <summary>The compiled training setup: optimizer, loss and metrics (set by <c>Fit</c>).</summary>
    public TrainingSetup? Setup { get; internal set; }

    /// <summary>The optimizer, e.g. to change <c>Optimizer.LearningRate</c> between epochs.</summary>
    public Optimizers.Optimizer? Optimizer => Setup?.Optimizer;

    /// <summary>The number of epochs asked for.</summary>
    public int Epochs { get; internal set; }

    /// <summary>The number of mini-batches per epoch.</summary>
    public int Batches { get; internal set; }

    /// <summary>The history being recorded (its notes are where stop reasons go).</summary>
    public History? History { get; internal set; }

    /// <summary>Set it to true to end training after the current batch; <see cref="Stop"/> also says why.</summary>
    public bool StopTraining { get; set; }

    /// <summary>Why this callback stopped training, or null.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Ends training after the current batch and records <paramref name="reason"/> in the history's notes.</summary>
    protected void Stop(string reason)
    {
        StopTraining = true;
        StopReason = reason;
    }

    /// <summary>Called once before the first epoch.</summary>
    public virtual void OnTrainBegin() { }

    /// <summary>Called at the start of each epoch (0-based).</summary>
    public virtual void OnEpochBegin(int epoch) { }

    /// <summary>Called after each mini-batch's update, with the running means of this epoch's loss and metrics.</summary>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Called after each epoch (0-based) with its loss, metrics and validation values ("val_loss", ...).</summary>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>Called once when training ends, normally or stopped.</summary>
    public virtual void OnTrainEnd(History history) { }

    /// <summary>Connects the callback to a training run and clears any earlier stop.</summary>
    internal void Attach(Module model, TrainingSetup setup, int epochs, int batches, History history)
    {
        Model = model;
        Setup = setup;
        Epochs = epochs;
        Batches = batches;
        History = history;
        StopTraining = false;
        StopReason = null;
    }
}
