using NotebookCourse.Exercises;

namespace NotebookCourse.Tests.Exercises;

/// <summary>The exercise checks: right answers say "correct", placeholders and wrong answers "not yet", no answer leaks.</summary>
public class ExerciseCheckTests
{
    private static string Printed(Action check)
    {
        var writer = new StringWriter();
        Exercise.Output.Value = writer;
        try
        {
            check();
        }
        finally
        {
            Exercise.Output.Value = null;
        }
        return writer.ToString().TrimEnd();
    }

    [Fact]
    public void A_number_within_the_rounding_of_the_answer_is_correct()
    {
        var hash = AnswerHash.Of("01.2", -Math.Log(0.8), decimals: 3); // 0.2231...
        Assert.Equal("Exercise 01.2: correct", Printed(() => Exercise.Check("01.2", 0.22314f, hash, decimals: 3)));
        Assert.Equal("Exercise 01.2: correct", Printed(() => Exercise.Check("01.2", 0.2229, hash, decimals: 3)));
        Assert.StartsWith("Exercise 01.2: not yet — ", Printed(() => Exercise.Check("01.2", 0.224, hash, decimals: 3)));
    }

    [Fact]
    public void A_null_placeholder_says_not_yet_and_asks_for_an_answer()
        => Assert.Equal($"Exercise 00.1: not yet — {Exercise.PlaceholderAdvice}",
                        Printed(() => Exercise.Check("00.1", (double?)null, AnswerHash.Of("00.1", 4))));

    [Fact]
    public void A_wrong_answer_prints_the_hint_and_never_the_answer()
    {
        var hash = AnswerHash.Of("00.3", 636);
        var line = Printed(() => Exercise.Check("00.3", 635, hash, hint: "count the steps in which w changed"));
        Assert.Equal("Exercise 00.3: not yet — count the steps in which w changed", line);
        Assert.DoesNotContain("636", line);
        Assert.DoesNotContain("636", hash);
    }

    [Fact]
    public void The_same_answer_hashes_differently_in_two_exercises()
        => Assert.NotEqual(AnswerHash.Of("00.1", 3), AnswerHash.Of("00.2", 3));

    [Fact]
    public void Lists_compare_element_by_element_in_order()
    {
        var hash = AnswerHash.Of("00.1", new[] { 4 });
        Assert.Equal("Exercise 00.1: correct", Printed(() => Exercise.Check("00.1", new[] { 4 }, hash)));
        Assert.StartsWith("Exercise 00.1: not yet", Printed(() => Exercise.Check("00.1", new[] { 4, 1 }, hash)));

        var probabilities = AnswerHash.Of("02.1", new[] { 0.25, 0.25, 0.25, 0.25 }, decimals: 3);
        Assert.Equal("Exercise 02.1: correct", Printed(() => Exercise.Check("02.1", new[] { 0.25f, 0.25f, 0.25f, 0.25f }, probabilities, decimals: 3)));
        Assert.Equal("Exercise 02.1: correct", Printed(() => Exercise.Check("02.1", Tensor.Full([4], 0.25f).Data, probabilities, decimals: 3)));
    }

    [Fact]
    public void Phrases_ignore_case_and_extra_spaces()
    {
        var hash = AnswerHash.Of("03.4", "Level 2");
        Assert.Equal("Exercise 03.4: correct", Printed(() => Exercise.Check("03.4", "  level   2 ", hash)));
        Assert.StartsWith("Exercise 03.4: not yet", Printed(() => Exercise.Check("03.4", "level 3", hash)));
    }

    [Fact]
    public void Infinity_and_negative_zero_have_one_canonical_form()
    {
        Assert.Equal("Infinity", AnswerHash.Canonical(double.PositiveInfinity, 3));
        Assert.Equal("0.000", AnswerHash.Canonical(-0.0001, 3));
        Assert.Equal(AnswerHash.Of("01.9", 0.0, 2), AnswerHash.Of("01.9", -0.001, 2));
    }

    [Fact]
    public void An_answer_next_to_a_rounding_boundary_is_refused_when_hashing()
    {
        var error = Assert.Throws<ArgumentException>(() => AnswerHash.Of("02.2", 0.1235, decimals: 3));
        Assert.Contains("rounding boundary", error.Message);
        Assert.Equal(AnswerHash.Length, AnswerHash.Of("02.2", 0.1235, decimals: 2).Length);
    }

    [Fact]
    public void A_malformed_hash_in_a_check_cell_names_the_exercise()
    {
        var error = Assert.Throws<ArgumentException>(() => Exercise.Check("00.2", 1.0, "not-a-hash"));
        Assert.Contains("Exercise 00.2", error.Message);
    }

    [Fact]
    public void A_property_check_reports_placeholder_wrong_and_right()
    {
        Assert.Contains(Exercise.PlaceholderAdvice, Printed(() => Exercise.CheckThat("03.2", null)));
        Assert.Equal("Exercise 03.2: not yet — that is not it; try again", Printed(() => Exercise.CheckThat("03.2", false)));
        Assert.Equal("Exercise 03.2: correct", Printed(() => Exercise.CheckThat("03.2", true)));
    }
}
