using System.Globalization;
using System.Text;
using NotebookCourse.Presentation;

namespace NotebookCourse.Training;

/// <summary>
/// Where training is: a snapshot the <see cref="ProgressBar"/> shows (in a notebook it is displayed
/// and updated in place; in a console its <see cref="ToString"/> line is redrawn).
/// </summary>
/// <param name="Epoch">The current epoch, counted from 1.</param>
/// <param name="Epochs">The number of epochs asked for.</param>
/// <param name="Batch">The mini-batches finished in this epoch (from 1 to <paramref name="Batches"/>).</param>
/// <param name="Batches">The number of mini-batches per epoch.</param>
/// <param name="Logs">Running means of the loss and metrics this epoch ("loss", "accuracy", ...; "val_..." at the epoch's end).</param>
/// <param name="Elapsed">The time since training started.</param>
/// <param name="Remaining">The estimated time until the last epoch ends (from the pace so far); null before the first batch is done.</param>
[TypeFormatterSource(typeof(FormatterSource))]
public sealed record TrainingProgress(
    int Epoch, int Epochs, int Batch, int Batches,
    IReadOnlyDictionary<string, double> Logs, TimeSpan Elapsed, TimeSpan? Remaining) : IHtmlDisplayable
{
    /// <summary>The width of the text bar in characters.</summary>
    public const int BarWidth = 30;

    /// <summary>The finished part of this epoch, from 0 to 1.</summary>
    public double Fraction => Batches == 0 ? 1 : (double)Batch / Batches;

    /// <summary>True when the last batch of this epoch is done.</summary>
    public bool EpochDone => Batch >= Batches;

    /// <summary>The bar alone, Keras style: <c>[==========&gt;...................]</c>.</summary>
    public string Bar
    {
        get
        {
            var filled = (int)Math.Floor(Fraction * BarWidth);
            var bar = new StringBuilder("[");
            bar.Append('=', filled);
            if (filled < BarWidth)
            {
                bar.Append('>');
                bar.Append('.', BarWidth - filled - 1);
            }
            return bar.Append(']').ToString();
        }
    }

    /// <summary>
    /// The progress line, e.g. <c>Epoch 3/10 12/30 [=====&gt;....] - loss: 0.2345 - accuracy: 0.9123 - 4.2s elapsed, ~9.8s left</c>.
    /// </summary>
    public override string ToString()
    {
        var digits = Batches.ToString(CultureInfo.InvariantCulture).Length;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Epoch {Epoch}/{Epochs} ");
        text.Append(Batch.ToString(CultureInfo.InvariantCulture).PadLeft(digits)).Append('/').Append(Batches);
        text.Append(' ').Append(Bar);
        text.Append(LogsText(Logs));
        text.Append(" - ").Append(FormatDuration(Elapsed)).Append(" elapsed");
        if (Remaining is { } left && !(EpochDone && Epoch >= Epochs)) text.Append(", ~").Append(FormatDuration(left)).Append(" left");
        return text.ToString();
    }

    /// <summary>Logs as Keras prints them: <c> - loss: 0.2345 - accuracy: 0.9123</c>.</summary>
    internal static string LogsText(IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var text = new StringBuilder();
        foreach (var (key, value) in logs) text.Append(" - ").Append(key).Append(": ").Append(NumberText.Logged(value));
        return text.ToString();
    }

    /// <summary>A duration for people: <c>850ms</c>, <c>4.2s</c>, <c>3m 05s</c>, <c>1h 02m</c>.</summary>
    internal static string FormatDuration(TimeSpan time)
    {
        if (time < TimeSpan.Zero) time = TimeSpan.Zero;
        if (time.TotalSeconds < 1) return $"{(int)time.TotalMilliseconds}ms";
        if (time.TotalSeconds < 60) return time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
        if (time.TotalMinutes < 60) return $"{(int)time.TotalMinutes}m {time.Seconds:00}s";
        return $"{(int)time.TotalHours}h {time.Minutes:00}m";
    }

    /// <summary>
    /// The progress as notebook HTML: a bar with the epoch, batch, running loss and metrics and the time
    /// so far and left; a notebook replaces it in place at each update.
    /// </summary>
    public string ToHtml()
    {
        var batches = Math.Max(Batches, 1);
        var done = Math.Clamp(Batch, 0, batches);
        var html = new StringBuilder("<div class=\"nc-progress\" style=\"font-family:monospace;font-size:12px\">");
        html.Append(Html.Escape($"Epoch {Epoch}/{Epochs} ")).Append(' ')
            .Append("<progress value=\"").Append(done.ToString(CultureInfo.InvariantCulture))
            .Append("\" max=\"").Append(batches.ToString(CultureInfo.InvariantCulture))
            .Append("\" style=\"width:200px;vertical-align:middle\"></progress> ")
            .Append(Html.Escape($"{Batch}/{Batches}"));
        html.Append(Html.Escape(LogsText(Logs)));
        html.Append(Html.Escape(" - " + FormatDuration(Elapsed) + " elapsed"));
        if (Remaining is { } left && !(EpochDone && Epoch >= Epochs)) html.Append(Html.Escape(", ~" + FormatDuration(left) + " left"));
        return html.Append("</div>").ToString();
    }
}
