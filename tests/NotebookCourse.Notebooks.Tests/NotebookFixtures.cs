namespace NotebookCourse.Notebooks.Tests;

// One run per notebook, shared by that notebook's tests (xunit class fixtures).
// Each run has its own kernel process, so the notebooks' fixtures run side by side.

/// <summary>The parameters the tests run each notebook with (defaults unless listed).</summary>
public static class TestRuns
{
    /// <summary>Notebook 03's decision-region models train 300 epochs instead of 1000 (they are not measured).</summary>
    public static readonly (string Name, string Value)[] SoftmaxFromScratch = [("regionEpochs", "300")];

    /// <summary>
    /// Notebook 09's initialisation comparison on 2,000 images for 2 epochs instead of 5,000 for 5 (no figure of
    /// it is asserted); the dropout comparison runs at its defaults (2,000 images, 60 epochs), where the accuracy
    /// gap is 0.030 without dropout and 0.014 with it (at 20–40 epochs the two gaps are too close to call).
    /// </summary>
    public static readonly (string Name, string Value)[] VanishingGradients = [("initImages", "2000"), ("initEpochs", "2")];

    /// <summary>The parameters a notebook (and its solution) runs with in the tests.</summary>
    public static (string Name, string Value)[] ParametersFor(string fileName) => fileName[..3] switch
    {
        "03-" => SoftmaxFromScratch,
        "09-" => VanishingGradients,
        _ => [],
    };

    /// <summary>The notebook's run with its test parameters (once per process).</summary>
    public static CourseNotebook Notebook(string fileName) => CourseNotebook.Run(fileName, ParametersFor(fileName));

    /// <summary>The teacher solution's run with the notebook's test parameters (once per process).</summary>
    public static CourseNotebook Solution(string fileName) => CourseNotebook.Run(Path.Combine("solutions", fileName), ParametersFor(fileName));

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
