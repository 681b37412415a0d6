using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

public class HistoryTests
{
    [Fact]
    public void ToString_has_one_row_per_epoch_and_one_column_per_key()
    {
        var history = new History();
        history.Add(new Dictionary<string, double> { ["loss"] = 0.5, ["accuracy"] = 0.75 });
        history.Add(new Dictionary<string, double> { ["loss"] = 0.25, ["accuracy"] = 1 });

        var lines = history.ToString().Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Equal(["epoch", "loss", "accuracy"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["2", "0.2500", "1.0000"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Last_gives_the_final_epoch_value_and_unknown_keys_are_named()
    {
        var history = new History();
        history.Add(new Dictionary<string, double> { ["loss"] = 3 });
        history.Add(new Dictionary<string, double> { ["loss"] = 2 });

        Assert.Equal(2, history.Last("loss"));
        var error = Assert.Throws<KeyNotFoundException>(() => history.Last("val_loss"));
        Assert.Contains("val_loss", error.Message);
        Assert.Contains("loss", error.Message);
    }

    [Fact]
    public void Notes_are_printed_after_the_table()
    {
        var history = new History();
        history.Add(new Dictionary<string, double> { ["loss"] = 1 });
        history.AddNote("stopped early");

        Assert.EndsWith("\nstopped early", history.ToString());
        Assert.Equal(["stopped early"], history.Notes);
    }
}
