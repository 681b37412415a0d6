namespace NotebookCourse.Layers;

/// <summary>
/// A limit on how many parameter values layers may create while it is open: reading a model file opens
/// one as large as the weights the file holds, so a file that names a layer of a billion weights is
/// rejected before anything that large is allocated. Every library layer creates its parameters through
/// an <see cref="Initializer"/>, which takes from the open budget.
/// </summary>
internal static class ParameterBudget
{
    private static readonly AsyncLocal<Budget?> s_current = new();

    private sealed class Budget(long available, Budget? outer) : IDisposable
    {
        public long Available { get; } = available;

        public long Used { get; set; }

        public void Dispose() => s_current.Value = outer;
    }

    /// <summary>Allows <paramref name="values"/> parameter values until the returned scope is disposed.</summary>
    public static IDisposable Limit(long values)
    {
        var budget = new Budget(values, s_current.Value);
        s_current.Value = budget;
        return budget;
    }

    /// <summary>Takes <paramref name="values"/> from the open budget, if any, before they are allocated.</summary>
    /// <exception cref="ExceededException">The budget would be exceeded.</exception>
    public static void Take(long values, int fanIn)
    {
        if (s_current.Value is not { } budget) return;
        if (budget.Used + values > budget.Available)
        {
            throw new ExceededException(
                $"a layer that would get {fanIn} inputs would need {budget.Used + values} parameter values, " +
                $"but the file holds only {budget.Available}: the architecture does not match the weights.");
        }
        budget.Used += values;
    }

    /// <summary>The parameters asked for are more than the budget allows.</summary>
    internal sealed class ExceededException(string message) : InvalidOperationException(message);
}
