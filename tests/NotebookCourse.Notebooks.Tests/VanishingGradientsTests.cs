using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>Notebook 09 with shorter trainings (see <see cref="TestRuns"/>); the gradient measurements at their defaults.</summary>
public sealed class VanishingGradientsRun
{
    /// <summary>The executed notebook (null when MNIST is unavailable: the tests are skipped then).</summary>
    public CourseNotebook? Notebook { get; } = MnistFiles.Folder is null ? null : TestRuns.Notebook("09-vanishing-gradients-activations-initialisation-dropout.ipynb");
}

/// <summary>
/// 09-vanishing-gradients-activations-initialisation-dropout: the sigmoid's slope, gradient norms layer by layer
/// in a deep sigmoid net and a deep ReLU net, the initialisers' spreads, and the MLP with and without dropout.
/// </summary>
public sealed class VanishingGradientsTests(VanishingGradientsRun run) : IClassFixture<VanishingGradientsRun>
{
    private CourseNotebook Notebook => run.Notebook ?? throw new InvalidOperationException(MnistFiles.UnavailableReason);

    /// <summary>The count printed as "parameters = 52,650 ..." (with thousands separators).</summary>
    private int ParameterCount()
        => int.Parse(Notebook.ValueAfter("parameters = ").Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

    [MnistFact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [MnistFact]
    public void The_sigmoids_slope_peaks_at_one_quarter_at_zero()
    {
        var printed = CourseNotebook.Numbers(Notebook.ValueAfter("max sigmoid'(x) = "));
        Assert.Equal(0.25, printed[0], 7);   // float32 autograd of σ at 0: 0.5 · 0.5, exact
        Assert.Equal(0, printed[1], 7);
    }

    [MnistFact]
    public void Sigmoid_gradient_norms_shrink_layer_by_layer_towards_the_input_and_ReLUs_do_not()
    {
        var sigmoid = Notebook.ListAfter("sigmoid gradient norms = ");
        var relu = Notebook.ListAfter("ReLU gradient norms = ");
        Assert.Equal(sigmoid.Length, relu.Length);
        // From the first hidden layer to the output layer each sigmoid layer's gradient is smaller than the next one's,
        // by at least a factor 2 (σ' ≤ 0.25 per layer).
        for (var i = 0; i + 1 < sigmoid.Length; i++)
        {
            Assert.True(sigmoid[i] * 2 < sigmoid[i + 1], $"sigmoid layer {i + 1}: {sigmoid[i]} is not well below layer {i + 2}: {sigmoid[i + 1]}");
        }
        Assert.True(sigmoid[0] < 1e-3 * sigmoid[^2], "the first sigmoid layer's gradient should be a tiny fraction of the last hidden layer's");
        // The ReLU net's gradients do not shrink towards the input: no layer below half the next one's, and the first
        // hidden layer's at least as large as the last hidden layer's.
        for (var i = 0; i + 1 < relu.Length; i++)
        {
            Assert.True(relu[i] > 0.5 * relu[i + 1], $"ReLU layer {i + 1}: {relu[i]} shrank below half of layer {i + 2}: {relu[i + 1]}");
        }
        Assert.True(relu[0] >= relu[^2]);
    }

    [MnistFact]
    public void He_keeps_the_signal_level_where_a_standard_normal_start_explodes()
    {
        double Growth(string start)
        {
            var spreads = CourseNotebook.Numbers(Notebook.ValueAfter("spread, " + start + ": "));
            return spreads[^1] / spreads[1];   // "layer 1 a, layer 8 b": the numbers are 1, a, 8, b
        }
        Assert.True(Growth("standard normal (σ = 1)") > 1e3);
        Assert.InRange(Growth("He"), 0.2, 5);
    }

    [MnistFact]
    public void The_handouts_MLP_has_52650_parameters()
        => Assert.Equal(784 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10, ParameterCount());

    [MnistFact]
    public void Dropout_narrows_the_gap_between_training_and_validation_accuracy()
    {
        var withoutDropout = Notebook.NumberAfter("accuracy gap without dropout = ");
        var withDropout = Notebook.NumberAfter("accuracy gap with dropout = ");
        Assert.True(withDropout < withoutDropout, $"gap with dropout {withDropout}, without {withoutDropout}");
    }
}
