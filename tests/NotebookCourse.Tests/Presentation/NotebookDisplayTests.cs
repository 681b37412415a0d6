using Microsoft.DotNet.Interactive.Formatting;
using NotebookCourse.Presentation;

namespace NotebookCourse.Tests.Presentation;

/// <summary>
/// Stand-ins with the shapes of the .NET Interactive types the library uses by reflection (the real ones
/// are exercised through the real kernel in the runner's tests).
/// </summary>
internal static class FakeInteractive
{
    public abstract class KernelEvent;

    public sealed class Command;

    public sealed class KernelInvocationContext
    {
        public static KernelInvocationContext? Current { get; set; }

        public Command Command { get; } = new();

        public List<KernelEvent> Published { get; } = [];

        public void Publish(KernelEvent e) => Published.Add(e);
    }

    public sealed class DisplayedValueProduced(object value, Command command, IReadOnlyCollection<FormattedValue> formattedValues, string valueId) : KernelEvent
    {
        public object Value { get; } = value;
        public Command Command { get; } = command;
        public IReadOnlyCollection<FormattedValue> FormattedValues { get; } = formattedValues;
        public string ValueId { get; } = valueId;
    }

    public sealed class DisplayedValueUpdated(object value, string valueId, Command command, IReadOnlyCollection<FormattedValue> formattedValues) : KernelEvent
    {
        public object Value { get; } = value;
        public Command Command { get; } = command;
        public IReadOnlyCollection<FormattedValue> FormattedValues { get; } = formattedValues;
        public string ValueId { get; } = valueId;
    }

    public static readonly NotebookDisplay.KernelTypeNames Names = new(
        typeof(KernelInvocationContext).FullName!, typeof(DisplayedValueProduced).FullName!,
        typeof(DisplayedValueUpdated).FullName!, typeof(FormattedValue).FullName!);
}

[CollectionDefinition(nameof(FakeInteractive), DisableParallelization = true)]
public class FakeInteractiveCollection;

[Collection(nameof(FakeInteractive))]
public class NotebookDisplayTests
{
    private static readonly System.Reflection.Assembly[] Assemblies = [typeof(FakeInteractive).Assembly, typeof(FormattedValue).Assembly];

    [Fact]
    public void There_is_no_notebook_in_a_test_run()
        => Assert.Null(NotebookDisplay.Current);

    [Fact]
    public void Outside_a_running_cell_there_is_no_display()
    {
        FakeInteractive.KernelInvocationContext.Current = null;
        Assert.Null(NotebookDisplay.Find(Assemblies, FakeInteractive.Names));
    }

    [Fact]
    public void Missing_kernel_types_give_no_display()
    {
        FakeInteractive.KernelInvocationContext.Current = new();
        Assert.Null(NotebookDisplay.Find([typeof(int).Assembly], FakeInteractive.Names));
        FakeInteractive.KernelInvocationContext.Current = null;
    }

    [Fact]
    public void Produced_and_updated_events_carry_one_id_and_the_running_command()
    {
        var context = FakeInteractive.KernelInvocationContext.Current = new();
        var display = NotebookDisplay.Find(Assemblies, FakeInteractive.Names)!;

        var handle = display.Show("first");
        handle.Update("second");
        handle.Update("third");
        FakeInteractive.KernelInvocationContext.Current = null;

        var produced = Assert.IsType<FakeInteractive.DisplayedValueProduced>(context.Published[0]);
        var updates = context.Published.Skip(1).Cast<FakeInteractive.DisplayedValueUpdated>().ToList();
        Assert.Equal(2, updates.Count);
        Assert.Equal(handle.Id, produced.ValueId);
        Assert.All(updates, u => Assert.Equal(handle.Id, u.ValueId));
        Assert.All(updates, u => Assert.Same(context.Command, u.Command));
        Assert.Equal(["first", "second", "third"], context.Published.Select(e => e switch
        {
            FakeInteractive.DisplayedValueProduced p => p.Value,
            FakeInteractive.DisplayedValueUpdated u => u.Value,
            _ => null,
        }));
        Assert.Contains(produced.FormattedValues, v => v.MimeType == "text/plain" && v.Value == "first");
    }

    [Fact]
    public void Library_values_are_formatted_as_html_and_plain_text()
    {
        var context = FakeInteractive.KernelInvocationContext.Current = new();
        var display = NotebookDisplay.Find(Assemblies, FakeInteractive.Names)!;

        display.Show(Tensor.FromArray(new float[] { 1, 2 }));
        FakeInteractive.KernelInvocationContext.Current = null;

        var produced = Assert.IsType<FakeInteractive.DisplayedValueProduced>(Assert.Single(context.Published));
        Assert.Equal(["text/html", "text/plain"], produced.FormattedValues.Select(v => v.MimeType));
        Assert.Contains("nc-tensor", produced.FormattedValues.First().Value);
    }
}
