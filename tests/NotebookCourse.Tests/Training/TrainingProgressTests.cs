using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

public class TrainingProgressTests
{
    private static readonly Dictionary<string, double> Logs = new() { ["loss"] = 0.12345, ["accuracy"] = 0.5 };

    [Fact]
    public void Line_shows_epoch_batch_bar_logs_and_times()
    {
        var progress = new TrainingProgress(3, 10, 15, 30, Logs, TimeSpan.FromSeconds(4.2), TimeSpan.FromSeconds(9.8));

        var line = progress.ToString();

        Assert.StartsWith("Epoch 3/10 15/30 [", line);
        Assert.Contains(" - loss: 0.1235 - accuracy: 0.5000", line);
        Assert.Contains("4.2s elapsed", line);
        Assert.Contains("~9.8s left", line);
    }

    [Theory]
    [InlineData(0, 30, 0)]
    [InlineData(15, 30, 15)]
    [InlineData(30, 30, 30)]
    [InlineData(1, 3, 10)]
    public void Bar_fills_in_proportion_to_the_batches_done(int batch, int batches, int expectedEquals)
    {
        var bar = new TrainingProgress(1, 1, batch, batches, Logs, TimeSpan.Zero, TimeSpan.Zero).Bar;

        Assert.Equal(TrainingProgress.BarWidth + 2, bar.Length);
        Assert.Equal(expectedEquals, bar.Count(c => c == '='));
        Assert.Equal(batch < batches ? 1 : 0, bar.Count(c => c == '>'));
    }

    [Fact]
    public void The_last_line_of_training_has_no_time_left()
    {
        var done = new TrainingProgress(10, 10, 30, 30, Logs, TimeSpan.FromSeconds(12), TimeSpan.Zero);

        Assert.DoesNotContain("left", done.ToString());
    }

    [Fact]
    public void Remaining_time_is_left_out_until_it_can_be_estimated()
        => Assert.DoesNotContain("left", new TrainingProgress(1, 5, 0, 30, Logs, TimeSpan.FromSeconds(1), null).ToString());

    [Theory]
    [InlineData(0.85, "850ms")]
    [InlineData(4.24, "4.2s")]
    [InlineData(185, "3m 05s")]
    [InlineData(3720, "1h 02m")]
    public void Durations_read_naturally(double seconds, string expected)
        => Assert.Equal(expected, TrainingProgress.FormatDuration(TimeSpan.FromSeconds(seconds)));
}
