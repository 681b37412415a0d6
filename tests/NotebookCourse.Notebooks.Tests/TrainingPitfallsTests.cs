namespace NotebookCourse.Notebooks.Tests;

/// <summary>04-training-pitfalls: learning rates, NaN from unscaled inputs, min-max scaling, over-fitting.</summary>
public sealed class TrainingPitfallsTests(TrainingPitfallsRun run) : IClassFixture<TrainingPitfallsRun>
{
    private CourseNotebook Notebook => run.Notebook;

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void The_handouts_20000_samples_in_batches_of_200_take_100_iterations()
        => Assert.Equal(100, Notebook.NumberAfter("20,000 samples, batch size 200: iterations per epoch = "));

    [Fact]
    public void A_learning_rate_of_1_5_diverges_at_once_and_1e_5_crawls_while_0_1_converges()
    {
        double[] Run(string rate) => CourseNotebook.Numbers(Notebook.ValueAfter($"η = {rate}"));
        Assert.EndsWith("not finite from step 1", Notebook.ValueAfter("η = 1.5"));
        Assert.Contains("not finite from step", Notebook.ValueAfter("η = 1.2"));
        Assert.EndsWith("stays finite", Notebook.ValueAfter("η = 0.1 "));
        // "loss at step 0 = a, at step 2000 = b": numbers are 0, a, 2000, b.
        var converging = Run("0.1 ");
        Assert.True(converging[3] < converging[1] / 10, $"η = 0.1 did not converge: {converging[1]} -> {converging[3]}");
        var crawling = Run("0.00001");
        Assert.True(crawling[3] > 0.85 * crawling[1], $"η = 0.00001 was expected to crawl: {crawling[1]} -> {crawling[3]}");
    }

    [Fact]
    public void Unscaled_stock_prices_make_the_loss_non_finite_and_StopOnNaN_names_the_epoch_and_batch()
    {
        var numbers = CourseNotebook.Numbers(Notebook.ValueAfter("loss stopped being finite in epoch "));
        Assert.InRange(numbers[0], 1, 10);
        Assert.Equal(1, numbers[1]);
        Assert.Single(Notebook.LinesStartingWith("StopOnNaN: the loss became "));
    }

    [Fact]
    public void The_scaled_table_equals_the_handouts_to_8_decimals()
    {
        // The eight rows of five values printed by the min-max cell, each "0.xxxxxxxx" with 8 decimals.
        var rows = Notebook.Printed.Split('\n').Select(l => l.Trim())
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^(\d\.\d{8}  ){4}\d\.\d{8}$")).Take(8).ToList();
        Assert.Equal(8, rows.Count);
        for (var r = 0; r < 8; r++)
        {
            var values = CourseNotebook.Numbers(rows[r]);
            for (var c = 0; c < 5; c++) Assert.Equal(Testing.HandoutStockTable.Scaled[r, c], values[c], 8);
        }
        Assert.Equal("True", Notebook.ValueAfter("scaled table equals the handout's to 8 decimals = "));
        Assert.StartsWith("1.00000000 1.00000000 ", Notebook.ValueAfter("first row, plain:"));
    }

    [Fact]
    public void After_scaling_the_loss_stays_finite_and_a_suitable_rate_fits_the_table()
    {
        var slow = CourseNotebook.Numbers(Notebook.ValueAfter("scaled, η = 0.00001: loss "));
        Assert.All(slow, v => Assert.True(double.IsFinite(v)));
        var fast = CourseNotebook.Numbers(Notebook.ValueAfter("scaled, η = 0.1: loss "));
        Assert.True(fast[1] < fast[0] / 10, $"scaled training did not fit: {fast[0]} -> {fast[1]}");
    }

    [Fact]
    public void Under_fit_good_fit_and_over_fit_show_in_training_and_validation_accuracy()
    {
        (double Train, double Validation) Accuracies(string model)
        {
            var n = CourseNotebook.Numbers(Notebook.ValueAfter(model));
            return (n[^2], n[^1]);
        }
        var under = Accuracies("under-fit (texture only, linear): ");
        Assert.True(under.Train < 0.8 && under.Validation < 0.8, $"under-fit: {under}");
        var good = Accuracies("good fit (both features, linear): ");
        Assert.True(good.Train > 0.85 && good.Validation > 0.85 && Math.Abs(good.Train - good.Validation) < 0.07, $"good fit: {good}");
        var over = Accuracies("over-fit (two hidden layers of 64): ");
        Assert.Equal(1.0, over.Train);
        Assert.True(over.Validation < over.Train - 0.08, $"over-fit: {over}");
    }

    [Fact]
    public void The_L2_penalty_more_data_and_fewer_features_each_narrow_the_train_validation_gap()
    {
        // Columns: train loss, validation loss, gap, train accuracy, validation accuracy.
        double[] Row(string name) => CourseNotebook.Numbers(Notebook.ValueAfter(name));
        var plain = Row("40 tumours, 30 features ");
        var penalised = Row("40 tumours, 30 features, L2 λ = 0.1");
        var fewer = Row("40 tumours, 2 features");
        var more = Row("284 tumours, 30 features");
        Assert.True(plain[2] > 0.3, $"the unregularised model was expected to over-fit: gap {plain[2]}");
        Assert.True(penalised[2] < plain[2] / 2, $"L2 did not close the gap: {plain[2]} -> {penalised[2]}");
        Assert.True(penalised[4] >= plain[4], $"L2 lowered validation accuracy: {plain[4]} -> {penalised[4]}");
        Assert.True(fewer[2] < plain[2] / 2 && more[2] < plain[2], $"gaps: plain {plain[2]}, 2 features {fewer[2]}, more data {more[2]}");
    }
}
