namespace NotebookCourse.Training;

/// <summary>
/// Sets the optimizer's learning rate at the start of every epoch from a function of the epoch
/// (from 0) and the current rate, like Keras's LearningRateScheduler:
/// <c>new LearningRateScheduler((epoch, lr) =&gt; epoch &lt; 10 ? lr : lr * 0.9f)</c>.
/// </summary>
/// <param name="schedule">The new rate for an epoch, given the epoch (from 0) and the rate now.</param>
public sealed class LearningRateScheduler(Func<int, float, float> schedule) : Callback
{
    private readonly Func<int, float, float> _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <summary>The rate used in each epoch so far (index = epoch from 0).</summary>
    public List<float> Rates { get; } = [];

    /// <inheritdoc/>
    public override void OnTrainBegin() => Rates.Clear();

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch)
    {
        var optimizer = Optimizer ?? throw new InvalidOperationException("LearningRateScheduler: no optimizer; use it through Fit.");
        optimizer.LearningRate = _schedule(epoch, optimizer.LearningRate);
        Rates.Add(optimizer.LearningRate);
    }
}
