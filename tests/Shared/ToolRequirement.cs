namespace NotebookCourse.Testing;

/// <summary>Whether tests run on CI, where a missing tool is a failure rather than a skip.</summary>
public static class ToolRequirement
{
    /// <summary>True when the environment variable CI is "true" (any case).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
