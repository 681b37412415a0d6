using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

/// <summary>A stand-in for a notebook kernel: same shape as NotebookCourse.Runner.Kernel, different name.</summary>
public static class FakeKernel
{
    public static List<(string Kind, object? Value)> Shown { get; } = [];

#pragma warning disable IDE1006 // the same lower-case name as the real kernels
    public static FakeDisplayed display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        Shown.Add(("show", value));
        return new FakeDisplayed();
    }
}

/// <summary>The handle the fake kernel returns.</summary>
public sealed class FakeDisplayed
{
    public void Update(object? value) => FakeKernel.Shown.Add(("update", value));
}

/// <summary>A type with a display method of the wrong shape.</summary>
public static class NotAKernel
{
#pragma warning disable IDE1006
    public static void display(object? value) { }
#pragma warning restore IDE1006
}

[CollectionDefinition(nameof(FakeKernel), DisableParallelization = true)]
public class FakeKernelCollection;

[Collection(nameof(FakeKernel))]
public class NotebookDisplayTests
{
    [Fact]
    public void Finds_a_kernel_type_by_name_in_the_given_assemblies()
    {
        var found = NotebookDisplay.Find([typeof(int).Assembly, typeof(FakeKernel).Assembly], ["No.Such.Kernel", typeof(FakeKernel).FullName!]);

        Assert.NotNull(found);
        Assert.Equal(typeof(FakeKernel), found.KernelType);
    }

    [Fact]
    public void Ignores_types_without_a_display_that_returns_an_updatable_handle()
    {
        Assert.Null(NotebookDisplay.FromType(typeof(NotAKernel)));
        Assert.Null(NotebookDisplay.Find([typeof(NotAKernel).Assembly], [typeof(NotAKernel).FullName!]));
    }

    [Fact]
    public void Looks_for_the_course_runner_first_then_polyglot()
        => Assert.Equal(["NotebookCourse.Runner.Kernel", "Microsoft.DotNet.Interactive.Kernel"], NotebookDisplay.KernelTypeNames);

    [Fact]
    public void There_is_no_notebook_in_a_test_run()
        => Assert.Null(NotebookDisplay.Current);

    [Fact]
    public void Show_and_update_go_through_the_kernel()
    {
        FakeKernel.Shown.Clear();
        var display = NotebookDisplay.FromType(typeof(FakeKernel))!;

        display.Show("first").Update("second");

        Assert.Equal([("show", (object?)"first"), ("update", "second")], FakeKernel.Shown);
    }
}
