using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NotebookCourse.Exercises;

/// <summary>
/// Salted hashes of exercise answers. An answer is first written in one canonical text form (a number
/// rounded to a fixed number of decimals, a list of such numbers, or a trimmed lower-case phrase), then
/// hashed with SHA-256 together with the exercise name, so two exercises with the same answer get
/// different hashes. Authors compute a hash once with <see cref="Of(string, double, int)"/> and paste it
/// into the check cell.
/// </summary>
public static class AnswerHash
{
    /// <summary>How many hexadecimal characters of the SHA-256 a hash keeps.</summary>
    public const int Length = 16;

    /// <summary>
    /// How close (in units of the last kept decimal) a right answer may sit to a rounding boundary.
    /// Closer than this, float noise in a learner's computation could round it the other way, so
    /// <see cref="Of(string, double, int)"/> refuses it: choose another number of decimals.
    /// </summary>
    public const double BoundaryMargin = 0.05;

    /// <summary>The hash of a numeric answer rounded to <paramref name="decimals"/> places.</summary>
    public static string Of(string exercise, double answer, int decimals = 0)
    {
        EnsureAwayFromBoundary(answer, decimals);
        return Compute(exercise, Canonical(answer, decimals));
    }

    /// <summary>The hash of a list of numbers, each rounded to <paramref name="decimals"/> places.</summary>
    public static string Of(string exercise, IEnumerable<double> answer, int decimals = 0)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var values = answer.ToList();
        foreach (var value in values)
        {
            EnsureAwayFromBoundary(value, decimals);
        }
        return Compute(exercise, Canonical(values, decimals));
    }

    /// <summary>The hash of a list of integers.</summary>
    public static string Of(string exercise, IEnumerable<int> answer)
        => Of(exercise, (answer ?? throw new ArgumentNullException(nameof(answer))).Select(v => (double)v), 0);

    /// <summary>The hash of a word or phrase (case and extra spaces ignored).</summary>
    public static string Of(string exercise, string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Compute(exercise, Canonical(answer));
    }

    /// <summary>Whether <paramref name="canonical"/> hashes to <paramref name="hash"/> for this exercise.</summary>
    public static bool Matches(string hash, string exercise, string canonical)
    {
        if (hash is null || hash.Length != Length || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException(
                $"Exercise {exercise}: the check's hash \"{hash}\" is not {Length} lower-case hexadecimal characters; make it with AnswerHash.Of.",
                nameof(hash));
        }
        return Compute(exercise, canonical) == hash;
    }

    /// <summary>A number's canonical text: rounded half away from zero, fixed decimals, invariant culture, no "-0".</summary>
    public static string Canonical(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 12);
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // turns -0 into 0
        }
        return rounded.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>A list's canonical text: "[a,b,c]" with each element as in <see cref="Canonical(double, int)"/>.</summary>
    public static string Canonical(IEnumerable<double> values, int decimals)
    {
        ArgumentNullException.ThrowIfNull(values);
        return "[" + string.Join(",", values.Select(v => Canonical(v, decimals))) + "]";
    }

    /// <summary>A phrase's canonical text: trimmed, lower case, inner runs of white space made one space.</summary>
    public static string Canonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Compute(string exercise, string canonical)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exercise);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"NotebookCourse exercise {exercise.Trim()}\n{canonical}"));
        return Convert.ToHexStringLower(bytes)[..Length];
    }

    private static void EnsureAwayFromBoundary(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            return;
        }
        var scaled = Math.Abs(value) * Math.Pow(10, decimals);
        var fraction = scaled - Math.Floor(scaled);
        if (Math.Abs(fraction - 0.5) < BoundaryMargin)
        {
            throw new ArgumentException(
                $"{value.ToString("R", CultureInfo.InvariantCulture)} lies within {BoundaryMargin} of a rounding boundary at {decimals} decimals, "
                + "so a learner's float noise could round it either way: use another number of decimals.",
                nameof(value));
        }
    }
}
