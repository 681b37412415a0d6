using Xunit;

namespace NotebookCourse.Testing;

/// <summary>
/// A test that needs Chromium at <see cref="BrowserPageCheck.ChromiumPath"/>. Without it the test is
/// skipped with the reason shown, unless the environment variable CI is "true": then it runs and fails
/// with a clear message, so CI never passes silently without browser checks.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium is missing outside CI.</summary>
    public BrowserFactAttribute()
    {
        if (!BrowserPageCheck.ChromiumInstalled && !ToolRequirement.IsCi)
        {
            Skip = $"Chromium not installed at {BrowserPageCheck.ChromiumPath} (apt-get install -y chromium); with CI=true this test fails instead";
        }
    }
}
