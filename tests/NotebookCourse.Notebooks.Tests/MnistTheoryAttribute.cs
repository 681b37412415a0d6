using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// A theory over notebooks that load MNIST (<see cref="MnistFiles"/>). Skipped with the reason when MNIST
/// cannot be found or downloaded, unless CI is "true": then it runs and fails with the reason.
/// </summary>
public sealed class MnistTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when MNIST is unavailable outside CI.</summary>
    public MnistTheoryAttribute()
    {
        if (MnistFiles.UnavailableReason is { } reason && !ToolRequirement.IsCi)
        {
            Skip = reason + "; with CI=true this test fails instead";
        }
    }
}
