namespace NotebookCourse.Notebooks.Tests;

// One run per notebook, shared by that notebook's tests (xunit class fixtures).
// The notebooks run one at a time (they share the process's current directory).

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

/// <summary>Notebook 03: the handout's 2001 steps, shorter decision-region training.</summary>
public sealed class SoftmaxFromScratchRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = CourseNotebook.Run("03-softmax-classifier-from-scratch.ipynb", ("regionEpochs", "100"));
}
