using Xunit;

namespace NotebookCourse.Testing;

/// <summary>
/// A test that needs Debian's python3-nbformat. Skipped with the reason when it is missing, unless
/// CI is "true" (then it runs and fails with the reason).
/// </summary>
public sealed class NbformatFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when nbformat cannot run outside CI.</summary>
    public NbformatFactAttribute()
    {
        if (NbformatValidation.UnavailableReason is { } reason && !ToolRequirement.IsCi)
        {
            Skip = reason + "; with CI=true this test fails instead";
        }
    }
}
