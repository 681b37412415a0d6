using System.Diagnostics;
using NotebookCourse.Presentation;

namespace NotebookCourse.Training;

/// <summary>
/// Shows training progress: epoch, batch, a bar, the running loss and metrics, elapsed and remaining
/// time. <c>Fit</c> adds one when <c>verbose</c> is 1 (a live bar) or 2 (one line per epoch).
/// In a notebook one <see cref="TrainingProgress"/> is displayed per <c>Fit</c> and updated in place
/// (a 2,000-epoch run stays one output; the returned History keeps every epoch); in a console the
/// line is redrawn with a carriage return.
/// </summary>
public sealed class ProgressBar : Callback
{
    /// <summary>The shortest time between two redraws of the bar (each epoch's end is always drawn).</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(150);

    private bool _oneLinePerEpoch;
    private readonly bool _requestedOneLine;
    private readonly bool _findNotebook;
    private readonly TextWriter? _output;
    private NotebookDisplay? _display;
    private NotebookDisplay.DisplayHandle? _handle;
    private readonly Stopwatch _clock = new();
    private TimeSpan _lastDraw;
    private int _epoch;
    private int _lastLineLength;

    /// <summary>A progress display; <paramref name="oneLinePerEpoch"/> prints only each epoch's final line (Keras verbose=2).</summary>
    /// <remarks>Outside a notebook, when the console output goes to a file or a pipe, only each epoch's final line is printed.</remarks>
    public ProgressBar(bool oneLinePerEpoch = false)
    {
        _oneLinePerEpoch = _requestedOneLine = oneLinePerEpoch;
        _findNotebook = true;
    }

    /// <summary>For tests: writes to <paramref name="output"/>, or shows through <paramref name="display"/> when given.</summary>
    internal ProgressBar(bool oneLinePerEpoch, TextWriter? output, NotebookDisplay? display)
    {
        _oneLinePerEpoch = _requestedOneLine = oneLinePerEpoch;
        _output = output;
        _display = display;
    }

    /// <summary>True when the bar was shown through a notebook's display function.</summary>
    public bool InNotebook => _display is not null;

    private TextWriter Output => _output ?? Console.Out;

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        if (_findNotebook)
        {
            _display = NotebookDisplay.Current;
            _oneLinePerEpoch = _requestedOneLine || (_display is null && Console.IsOutputRedirected);
        }
        _handle = null;
        _clock.Restart();
        _lastDraw = TimeSpan.MinValue;
        _lastLineLength = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch)
    {
        _epoch = epoch + 1;
        _lastLineLength = 0;
        if (_oneLinePerEpoch) return;
        var progress = Snapshot(0, new Dictionary<string, double>());
        if (_display is null) Draw(progress, final: false);
        else if (_handle is null) _handle = _display.Show(progress);
        else _handle.Update(progress);
    }

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (_oneLinePerEpoch || _clock.Elapsed - _lastDraw < RedrawInterval || batch + 1 >= Batches) return;
        var progress = Snapshot(batch + 1, logs);
        if (_handle is not null) _handle.Update(progress);
        else Draw(progress, final: false);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var progress = Snapshot(Batches, logs);
        if (_oneLinePerEpoch) Output.WriteLine(progress.ToString());
        else if (_handle is not null) _handle.Update(progress);
        else Draw(progress, final: true);
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(History history) => _handle = null;

    private TrainingProgress Snapshot(int batch, IReadOnlyDictionary<string, double> logs)
    {
        _lastDraw = _clock.Elapsed;
        var done = (long)(_epoch - 1) * Batches + batch;
        var total = (long)Epochs * Batches;
        TimeSpan? remaining = done == 0 ? null : _clock.Elapsed * ((double)(total - done) / done);
        return new TrainingProgress(_epoch, Epochs, batch, Batches, new Dictionary<string, double>(logs), _clock.Elapsed, remaining);
    }

    /// <summary>Redraws the console line in place; a shorter line is padded so no old characters remain.</summary>
    private void Draw(TrainingProgress progress, bool final)
    {
        var line = progress.ToString();
        var padding = Math.Max(0, _lastLineLength - line.Length);
        Output.Write("\r" + line + new string(' ', padding));
        _lastLineLength = line.Length;
        if (final) Output.WriteLine();
        Output.Flush();
    }
}
