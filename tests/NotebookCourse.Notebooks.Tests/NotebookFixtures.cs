using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

// One run per notebook, shared by that notebook's tests (xunit class fixtures).
// Each run has its own kernel process, so the notebooks' fixtures run side by side.

/// <summary>The parameters the tests run each notebook with (defaults unless listed).</summary>
public static class TestRuns
{
    /// <summary>Notebook 03's decision-region models train 300 epochs instead of 1000 (they are not measured).</summary>
    public static readonly (string Name, string Value)[] SoftmaxFromScratch = [("regionEpochs", "300")];

    /// <summary>
    /// Notebook 05 at the handouts' settings, its figures are asserted; only ML.NET's comparison (not a
    /// handout figure) makes one pass instead of five.
    /// </summary>
    public static readonly (string Name, string Value)[] MnistSoftmax = [("mlnetIterations", "1")];

    /// <summary>
    /// Notebook 09's initialisation comparison on 2,000 images for 2 epochs instead of 5,000 for 5 (no figure of
    /// it is asserted); the dropout comparison runs at its defaults (2,000 images, 60 epochs), where the accuracy
    /// gap is 0.030 without dropout and 0.014 with it (at 20–40 epochs the two gaps are too close to call).
    /// </summary>
    public static readonly (string Name, string Value)[] VanishingGradients = [("initImages", "2000"), ("initEpochs", "2")];

    /// <summary>The parameters a notebook runs with in the tests.</summary>
    public static (string Name, string Value)[] ParametersFor(string fileName) => fileName[..3] switch
    {
        "03-" => SoftmaxFromScratch,
        "05-" => MnistSoftmax,
        "09-" => VanishingGradients,
        _ => [],
    };

    /// <summary>
    /// The parameters a solution runs with: its exercises never depend on the long trainings (the standard
    /// forbids it), so the MNIST notebooks' solutions train one epoch of each model.
    /// </summary>
    public static (string Name, string Value)[] SolutionParametersFor(string fileName) => fileName[..3] switch
    {
        "05-" => [("scratchEpochs", "1"), ("sgdEpochs", "1"), ("adamEpochs", "1"), ("mlnetIterations", "1")],
        "06-" => [("epochs", "1"), ("moreEpochs", "1")],
        _ => ParametersFor(fileName),
    };

    /// <summary>The notebook's run with its test parameters (once per process).</summary>
    public static CourseNotebook Notebook(string fileName) => CourseNotebook.Run(fileName, ParametersFor(fileName));

    /// <summary>The teacher solution's run with the notebook's test parameters (once per process).</summary>
    public static CourseNotebook Solution(string fileName) => CourseNotebook.Run(Path.Combine("solutions", fileName), SolutionParametersFor(fileName));

    /// <summary>
    /// Every course notebook with the parameters its tests use; those that load MNIST only when it is available
    /// (or on CI, where a missing data set must fail).
    /// </summary>
    public static IEnumerable<CourseNotebook> All()
        => CourseStandard.NotebookFileNames
            .Where(n => Testing.MnistFiles.Folder is not null || Testing.ToolRequirement.IsCi || !CourseStandard.NeedsMnist(n))
            .Select(Notebook);
}

/// <summary>Notebook 00, run with its defaults (it has no long cell).</summary>
public sealed class GettingStartedRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = TestRuns.Notebook("00-getting-started.ipynb");
}

/// <summary>Notebook 01, run with its defaults (300 epochs as in the handout; 100 on breast cancer).</summary>
public sealed class LogisticRegressionRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = TestRuns.Notebook("01-logistic-regression.ipynb");
}

/// <summary>Notebook 02, run with its defaults.</summary>
public sealed class SoftmaxRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = TestRuns.Notebook("02-softmax-and-cross-entropy.ipynb");
}

/// <summary>Notebook 03: the handout's 2001 steps, shorter decision-region training (see <see cref="TestRuns"/>).</summary>
public sealed class SoftmaxFromScratchRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = TestRuns.Notebook("03-softmax-classifier-from-scratch.ipynb");
}

/// <summary>Notebook 04 at its defaults (the handout's 2001 steps per learning rate; every training is short).</summary>
public sealed class TrainingPitfallsRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = TestRuns.Notebook("04-training-pitfalls.ipynb");
}

/// <summary>Notebook 05 at the handouts' settings (50, 100 and 15 epochs), ML.NET with one pass (see <see cref="TestRuns"/>).</summary>
public sealed class MnistSoftmaxRun
{
    /// <summary>The executed notebook (null when MNIST is unavailable: the tests are skipped then).</summary>
    public CourseNotebook? Notebook { get; } = MnistFiles.UnavailableReason is null ? TestRuns.Notebook("05-mnist-softmax-regression.ipynb") : null;
}

/// <summary>Notebook 06 at the handout's settings (15 epochs, save, load, 15 more).</summary>
public sealed class SavingAndRestoringRun
{
    /// <summary>The executed notebook (null when MNIST is unavailable: the tests are skipped then).</summary>
    public CourseNotebook? Notebook { get; } = MnistFiles.UnavailableReason is null ? TestRuns.Notebook("06-saving-and-restoring-models.ipynb") : null;
}

/// <summary>Notebook 07 at its defaults (100 epochs as in the handout, then 1000).</summary>
public sealed class XorMultilayerPerceptronRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = TestRuns.Notebook("07-xor-and-the-multilayer-perceptron.ipynb");
}
