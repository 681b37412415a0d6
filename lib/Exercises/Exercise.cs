namespace NotebookCourse.Exercises;

/// <summary>
/// The check cells of the course's exercises. A check compares the learner's answer with a salted
/// hash of the right answer (made once by the author with <see cref="AnswerHash.Of(string, double, int)"/>),
/// so the notebook can say "correct" or "not yet" without the answer appearing anywhere in it.
/// Every check prints one line, <c>Exercise 00.1: correct</c> or <c>Exercise 00.1: not yet — ...</c>.
/// </summary>
/// <remarks>
/// The hash is not a secret: a learner could try every small integer. It only keeps the answer off the
/// page, and a learner who writes that loop has learned something anyway.
/// </remarks>
public static class Exercise
{
    /// <summary>What a check prints after the exercise name when the answer is right.</summary>
    public const string Correct = "correct";

    /// <summary>What a check prints after the exercise name when the answer is missing or wrong.</summary>
    public const string NotYet = "not yet";

    /// <summary>The line printed for an answer that is still the placeholder <c>null</c>.</summary>
    public const string PlaceholderAdvice = "replace null with your answer, run that cell, then run this check again";

    /// <summary>
    /// Checks a number: right when it equals the answer rounded to <paramref name="decimals"/> places.
    /// <paramref name="hint"/> is printed after a wrong answer; it must not give the answer away.
    /// </summary>
    public static void Check(string exercise, double? answer, string hash, int decimals = 0, string? hint = null)
        => Report(exercise, answer is null ? null : AnswerHash.Matches(hash, exercise, AnswerHash.Canonical(answer.Value, decimals)), hint);

    /// <summary>Checks a list of numbers (a shape, a probability vector, ...): every element rounded to <paramref name="decimals"/>.</summary>
    public static void Check(string exercise, IEnumerable<double>? answer, string hash, int decimals = 0, string? hint = null)
        => Report(exercise, answer is null ? null : AnswerHash.Matches(hash, exercise, AnswerHash.Canonical(answer, decimals)), hint);

    /// <summary>Checks a list of <see langword="float"/> values, e.g. a tensor's <c>Data</c> (its shape is not part of the answer).</summary>
    public static void Check(string exercise, IEnumerable<float>? answer, string hash, int decimals = 0, string? hint = null)
        => Check(exercise, answer?.Select(v => (double)v), hash, decimals, hint);

    /// <summary>Checks a list of integers, e.g. a shape or predicted classes.</summary>
    public static void Check(string exercise, IEnumerable<int>? answer, string hash, string? hint = null)
        => Check(exercise, answer?.Select(v => (double)v), hash, 0, hint);

    /// <summary>Checks a word or a short phrase; case and surrounding or repeated spaces do not matter.</summary>
    public static void Check(string exercise, string? answer, string hash, string? hint = null)
        => Report(exercise, answer is null ? null : AnswerHash.Matches(hash, exercise, AnswerHash.Canonical(answer)), hint);

    /// <summary>
    /// Checks a property the answer must have, for answers that are code (a function, a model) rather
    /// than a value: pass <see langword="null"/> while the answer is still a placeholder, otherwise
    /// whether the property holds. The property must not be the solution written another way.
    /// </summary>
    public static void CheckThat(string exercise, bool? holds, string? hint = null) => Report(exercise, holds, hint);

    /// <summary>The line a check prints for a result: <see langword="null"/> means the placeholder is still there.</summary>
    public static string Verdict(string exercise, bool? correct, string? hint = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exercise);
        return correct switch
        {
            true => $"Exercise {exercise}: {Correct}",
            null => $"Exercise {exercise}: {NotYet} — {PlaceholderAdvice}",
            false => $"Exercise {exercise}: {NotYet} — " + (string.IsNullOrWhiteSpace(hint) ? "that is not it; try again" : hint),
        };
    }

    // Where checks print: the console (a notebook's cell output), or a writer a unit test sets for its own flow.
    internal static readonly AsyncLocal<TextWriter?> Output = new();

    private static void Report(string exercise, bool? correct, string? hint)
        => (Output.Value ?? Console.Out).WriteLine(Verdict(exercise, correct, hint));
}
