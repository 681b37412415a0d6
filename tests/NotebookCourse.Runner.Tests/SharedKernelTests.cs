using System.Diagnostics;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner.Tests;

/// <summary>One real kernel shared by the behaviours that leave it usable (a kernel start costs seconds).</summary>
public sealed class SharedKernel : IAsyncLifetime
{
    public RecordingEcho Echo { get; } = new();

    public KernelSession Session { get; private set; } = null!;

    public async Task InitializeAsync() => Session = await KernelSession.StartAsync(Fixture.Folder, echo: Echo);

    public async Task DisposeAsync() => await Session.DisposeAsync();

    /// <summary>Runs a cell that must succeed; the echo holds only this cell's events.</summary>
    public async Task<CellRun> Ok(string code)
    {
        lock (Echo.Events) Echo.Events.Clear();
        var run = await Session.RunAsync(code, timeout: TimeSpan.FromMinutes(3));
        Assert.True(run.Succeeded, $"cell failed: {run.Error}");
        return run;
    }
}

[CollectionDefinition(nameof(SharedKernel))]
public sealed class SharedKernelCollection : ICollectionFixture<SharedKernel>;

/// <summary>What a cell gives in the real .NET Interactive kernel, as the executed notebook keeps it.</summary>
[Collection(nameof(SharedKernel))]
public sealed class SharedKernelTests(SharedKernel kernel)
{
    [Fact]
    public async Task Trailing_value_is_an_execute_result_with_the_cells_execution_count()
    {
        await kernel.Ok("var twenty = 20;");
        var run = await kernel.Ok("int Twice(int v) => 2 * v;\nTwice(twenty) + 2");
        var output = Fixture.Display(Assert.Single(run.Outputs));
        Assert.Equal("execute_result", output.OutputType);
        Assert.Equal(run.ExecutionCount, output.ExecutionCount);
        Assert.Equal("42", Fixture.Text(output));
        Assert.Empty((await kernel.Ok("Math.Max(twenty, 2);")).Outputs);
    }

    [Fact]
    public async Task Console_out_and_error_become_stream_outputs_in_order_with_writes_merged()
    {
        var run = await kernel.Ok("""
            Console.WriteLine("one");
            Console.Out.Write("two\n");
            Console.Error.WriteLine("oops");
            Console.WriteLine("four");
            """);
        Assert.Equal(
            [new StreamOutput("stdout", "one\ntwo\n"), new StreamOutput("stderr", "oops\n"), new StreamOutput("stdout", "four\n")],
            run.Outputs);
    }

    [Fact]
    public async Task Display_updated_with_one_id_is_one_output_with_its_final_content_even_from_a_later_cell()
    {
        // Produced and updated with one id, as the course library publishes them.
        const string Publish = """
            using Microsoft.DotNet.Interactive;
            using Microsoft.DotNet.Interactive.Events;
            using Microsoft.DotNet.Interactive.Formatting;
            void Show(string text, string id, bool update)
            {
                var ctx = KernelInvocationContext.Current;
                var values = FormattedValue.CreateManyFromObject(text, "text/plain");
                ctx.Publish(update ? new DisplayedValueUpdated(text, id, ctx.Command, values) : new DisplayedValueProduced(text, ctx.Command, values, id));
            }
            """;
        await kernel.Ok(Publish);
        var first = await kernel.Ok("""
            Console.WriteLine("before");
            Show("step 0", "progress", update: false);
            for (var i = 1; i <= 5; i++) Show($"step {i}", "progress", update: true);
            Console.WriteLine("after");
            """);
        Assert.Collection(first.Outputs,
            o => Assert.Equal(new StreamOutput("stdout", "before\n"), o),
            o => Assert.Equal("step 5", Fixture.Plain(o)),
            o => Assert.Equal(new StreamOutput("stdout", "after\n"), o));
        Assert.Equal("display_data", first.Outputs[1].OutputType);

        var later = await kernel.Ok("Show(\"finished\", \"progress\", update: true);");
        Assert.Empty(later.Outputs);
        Assert.Equal("finished", Fixture.Plain(first.Outputs[1]));
    }

    [Fact]
    public async Task Kernels_own_display_handle_updates_are_unmatched_so_the_first_frame_stays_as_in_vs_code()
    {
        var run = await kernel.Ok("var shown = display(\"frame 0\");\nfor (var i = 1; i <= 3; i++) shown.Update($\"frame {i}\");");
        Assert.Equal("frame 0", Fixture.Plain(Assert.Single(run.Outputs)));
    }

    [Fact]
    public async Task Fit_shows_one_progress_display_whose_events_carry_one_id_and_end_on_the_last_epoch()
    {
        await kernel.Ok($"#r \"{Fixture.Library}\"\nusing NotebookCourse;\nusing NotebookCourse.Layers;\nusing NotebookCourse.Training;");
        var run = await kernel.Ok("""
            var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
            var y = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
            var net = new Sequential(new Dense(4, "tanh", inputSize: 2), new Dense(1, "sigmoid"));
            net.Compile("adam", "binary_crossentropy");
            var history = net.Fit(x, y, epochs: 4, batchSize: 2, seed: 1);
            """);
        var progress = Fixture.Display(Assert.Single(run.Outputs));
        Assert.StartsWith("Epoch 4/4 2/2", Fixture.Plain(progress));
        Assert.Contains("nc-progress", Fixture.Html(progress));

        List<(string Kind, string? Id, string Text)> events;
        lock (kernel.Echo.Events) events = [.. kernel.Echo.Events];
        var produced = Assert.Single(events, e => e.Kind == "display");
        var updates = events.Where(e => e.Kind == "update").ToList();
        Assert.True(updates.Count >= 4, $"expected an update per epoch at least, got {updates.Count}");
        Assert.NotNull(produced.Id);
        Assert.All(updates, u => Assert.Equal(produced.Id, u.Id));
    }

    [Fact]
    public async Task Library_values_come_as_html_and_plain_text_from_their_formatter_source()
    {
        await kernel.Ok($"#r \"{Fixture.Library}\"");
        var tensor = Fixture.Display(Assert.Single((await kernel.Ok("NotebookCourse.Tensor.FromArray(new float[] { 1, 2, 3 })")).Outputs));
        Assert.Equal(["text/html", "text/plain"], tensor.Data.Keys.Order());
        Assert.Contains("nc-tensor", tensor.Data["text/html"]);
        Assert.Contains("[1, 2, 3]", tensor.Data["text/plain"]);
    }

    [Fact]
    public async Task Relative_r_path_resolves_against_the_notebook_folder_and_its_convention_formatter_is_used()
    {
        // The kernel works in the Fixtures folder; the fixture library is the test assembly one level up.
        await kernel.Ok("#r \"../NotebookCourse.Runner.Tests.dll\"\nusing NotebookCourse.Runner.Tests.FixtureLibrary;");
        var output = Fixture.Display(Assert.Single((await kernel.Ok("new Temperature(21.5)")).Outputs));
        Assert.Equal("<b class=\"temperature\">21.5 °C</b>", output.Data["text/html"]);
        Assert.Equal("21.5 degrees Celsius", output.Data["text/plain"]);
        Assert.Equal("True", Fixture.Text(Assert.Single((await kernel.Ok("System.IO.File.Exists(\"relative-reference.ipynb\")")).Outputs)));
    }

    [Fact]
    public async Task Nuget_reference_loads_the_package_and_keeps_at_most_one_installed_packages_output()
    {
        var run = await kernel.Ok("#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.SpecialFunctions.Factorial(5)");
        var result = Assert.Single(run.Outputs, o => o.OutputType == "execute_result");
        Assert.Equal("120", Fixture.Text(result));
        var progress = run.Outputs.Where(o => o.OutputType == "display_data").ToList();
        Assert.True(progress.Count <= 1, $"{progress.Count} package outputs");
        if (progress.Count == 1)
        {
            var text = Fixture.Text(progress[0]);
            Assert.Contains("Installed Packages", text);
            Assert.DoesNotContain("Installing", text);
        }
    }

    [Fact]
    public async Task Compile_error_names_the_line_and_column_within_the_cell()
    {
        var code = "var a = 1;\n\nvar b = a + missingName; // here\n";
        var run = await kernel.Session.RunAsync(code, cellNumber: 7);
        Assert.Equal("compile", run.Error!.Kind);
        Assert.Equal(Fixture.LineOf(code, "// here"), run.Error.Line);
        Assert.Equal(13, run.Error.Column);
        Assert.Contains("missingName", run.Error.Message);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(run.Outputs));
        Assert.Contains("cell 7, line 3, column 13: error CS0103", error.Traceback[0]);
    }

    [Fact]
    public async Task Exception_names_its_type_and_message_and_the_innermost_library_frame_with_its_line()
    {
        await kernel.Ok($"#r \"{Fixture.Library}\"");
        var run = await kernel.Session.RunAsync("var t = NotebookCourse.Tensor.FromArray(new float[] { 1, 2, 3 });\nt.Reshape(2, 2)", cellNumber: 4);
        Assert.Equal("exception", run.Error!.Kind);
        Assert.Null(run.Error.Line); // the kernel compiles cells without line information
        Assert.Contains("NotebookCourse", run.Error.Frame);
        Assert.Matches(@":line \d+", run.Error.Frame);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(run.Outputs));
        Assert.EndsWith("Exception", error.EName);
        Assert.DoesNotContain(error.Traceback, l => l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal));
        Assert.Equal("7", Fixture.Text(Assert.Single((await kernel.Ok("3 + 4")).Outputs))); // the kernel goes on
    }

    [Fact]
    public async Task Two_hundred_thousand_printed_lines_become_one_stream_output_in_seconds()
    {
        var clock = Stopwatch.StartNew();
        var run = await kernel.Ok("for (var i = 0; i < 200_000; i++) Console.WriteLine(i);");
        var stream = Assert.IsType<StreamOutput>(Assert.Single(run.Outputs));
        var lines = stream.Text.Split('\n');
        Assert.Equal(200_001, lines.Length); // the last line ends with \n
        Assert.Equal("199999", lines[^2]);
        // The kernel alone takes about 7 s here; a merge that copied the text per line would take hours.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"took {clock.Elapsed}");
    }
}
