using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>Notebook 11 at its defaults: the handout's settings, one epoch of the MLP.</summary>
public sealed class FrameworksAndAutogradRun
{
    /// <summary>The executed notebook (null when MNIST is unavailable: the tests that need it are skipped then).</summary>
    public CourseNotebook? Notebook { get; } = MnistFiles.Folder is null ? null : TestRuns.Notebook("11-frameworks-and-autograd.ipynb");
}

/// <summary>
/// 11-frameworks-and-autograd: the graph-first engine and eager autograd give the handout's w, the TF1 quiz as
/// written fails and as corrected converges, and the handout's MLP written as a module trains.
/// </summary>
public sealed class FrameworksAndAutogradTests(FrameworksAndAutogradRun run) : IClassFixture<FrameworksAndAutogradRun>
{
    private CourseNotebook Notebook => run.Notebook ?? throw new InvalidOperationException(MnistFiles.UnavailableReason);

    /// <summary>The count printed as "parameters = 52,650 ..." (with thousands separators).</summary>
    private int ParameterCount()
        => int.Parse(Notebook.ValueAfter("parameters = ").Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The reference: gradient descent on c0·w² + c1·w + c2 in float32, as TensorFlow ran it.</summary>
    private static float Descend(float c0, float c1, float c2, float learningRate, int steps)
    {
        var w = 0f;
        for (var i = 0; i < steps; i++) w -= learningRate * (c0 * (w + w) + c1);
        return w;
    }

    [MnistFact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [MnistFact]
    public void Graph_first_and_eager_give_the_handouts_w()
    {
        var graph = Notebook.NumberAfter("graph-first: w = ");
        var eager = Notebook.NumberAfter("eager: w = ");
        Assert.Equal(-4.9999886, graph, 7);
        Assert.Equal(graph, eager);
        Assert.Equal((double)Descend(1, 10, 25, 0.01f, 1000), graph, 6);
        Assert.Equal("True", Notebook.ValueAfter("graph-first and eager give the same w: "));
    }

    [MnistFact]
    public void The_quiz_program_fails_without_its_initializer_and_converges_to_10_when_corrected()
    {
        Assert.Contains("uninitialized value w", Notebook.ValueAfter("as written: "), StringComparison.Ordinal);
        Assert.Equal(0.2, Notebook.NumberAfter("initialised, one step: w = "), 4);
        Assert.Equal(10, Notebook.NumberAfter("initialised, 1000 steps: w = "), 3);
    }

    [MnistFact]
    public void The_module_version_trains_the_handouts_MLP()
    {
        Assert.Equal(52650, ParameterCount());
        var first = Notebook.NumberAfter("first batch loss = ");
        var last = CourseNotebook.Numbers(Notebook.ValueAfter("first batch loss = "))[1];
        Assert.InRange(first, 2.0, 2.6);   // about ln 10 at the start: ten equally likely digits
        Assert.True(last < first - 0.5, $"the loss did not fall: {first} -> {last}");
        Assert.InRange(Notebook.NumberAfter("test accuracy = "), 0.6, 1.0);
    }

    [MnistFact]
    public void Autograd_gives_the_softmax_layers_gradient_y_hat_minus_y()
        => Assert.Equal(Notebook.ListAfter("ŷ - y            = "), Notebook.ListAfter("autograd dL/do = "));
}
