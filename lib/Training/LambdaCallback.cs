namespace NotebookCourse.Training;

/// <summary>
/// A callback made from functions instead of a class, handy in a notebook cell:
/// <c>new LambdaCallback(onEpochEnd: (epoch, logs) =&gt; Console.WriteLine(logs["loss"]))</c>.
/// </summary>
/// <param name="onTrainBegin">Called once before the first epoch.</param>
/// <param name="onEpochBegin">Called at the start of each epoch (from 0).</param>
/// <param name="onBatchEnd">Called after each batch with the epoch's running means.</param>
/// <param name="onEpochEnd">Called after each epoch (from 0) with its values.</param>
/// <param name="onTrainEnd">Called once at the end with the history.</param>
public sealed class LambdaCallback(
    Action? onTrainBegin = null,
    Action<int>? onEpochBegin = null,
    Action<int, IReadOnlyDictionary<string, double>>? onBatchEnd = null,
    Action<int, IReadOnlyDictionary<string, double>>? onEpochEnd = null,
    Action<History>? onTrainEnd = null) : Callback
{
    /// <inheritdoc/>
    public override void OnTrainBegin() => onTrainBegin?.Invoke();

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch) => onEpochBegin?.Invoke(epoch);

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => onBatchEnd?.Invoke(batch, logs);

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => onEpochEnd?.Invoke(epoch, logs);

    /// <inheritdoc/>
    public override void OnTrainEnd(History history) => onTrainEnd?.Invoke(history);
}
