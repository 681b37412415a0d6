namespace NotebookCourse.Notebooks.Tests;

// One run per notebook, shared by that notebook's tests (xunit class fixtures).
// Each run has its own kernel process, so the notebooks' fixtures run side by side.

/// <summary>The parameters the tests run each notebook with (defaults unless listed).</summary>
public static class TestRuns
{
    /// <summary>Notebook 03's decision-region models train 300 epochs instead of 1000 (they are not measured).</summary>
    public static readonly (string Name, string Value)[] SoftmaxFromScratch = [("regionEpochs", "300")];

    /// <summary>Every notebook with the parameters its tests use.</summary>
    public static IEnumerable<CourseNotebook> All()
    {
        yield return CourseNotebook.Run("00-getting-started.ipynb");
        yield return CourseNotebook.Run("01-logistic-regression.ipynb");
        yield return CourseNotebook.Run("02-softmax-and-cross-entropy.ipynb");
        yield return CourseNotebook.Run("03-softmax-classifier-from-scratch.ipynb", SoftmaxFromScratch);
    }
}

/// <summary>Notebook 00, run with its defaults (it has no long cell).</summary>
public sealed class GettingStartedRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = CourseNotebook.Run("00-getting-started.ipynb");
}

/// <summary>Notebook 01, run with its defaults (300 epochs as in the handout; 100 on breast cancer).</summary>
public sealed class LogisticRegressionRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = CourseNotebook.Run("01-logistic-regression.ipynb");
}

/// <summary>Notebook 02, run with its defaults.</summary>
public sealed class SoftmaxRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = CourseNotebook.Run("02-softmax-and-cross-entropy.ipynb");
}

/// <summary>Notebook 03: the handout's 2001 steps, shorter decision-region training (see <see cref="TestRuns"/>).</summary>
public sealed class SoftmaxFromScratchRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = CourseNotebook.Run("03-softmax-classifier-from-scratch.ipynb", TestRuns.SoftmaxFromScratch);
}
