namespace NotebookCourse.Runner.Tests;

/// <summary>The C# kernel behaves like .NET Interactive's: one session, trailing values, display, streams.</summary>
public sealed class KernelTests
{
    private static async Task<CellResult> Run(NotebookKernel kernel, string code)
    {
        var result = await kernel.ExecuteAsync(code);
        return result;
    }

    private static async Task<CellResult> RunOk(NotebookKernel kernel, string code)
    {
        var result = await kernel.ExecuteAsync(code);
        Assert.True(result.Succeeded, $"cell failed: {result.Error}");
        return result;
    }

    [Fact]
    public async Task Variables_functions_and_types_carry_across_cells()
    {
        var kernel = new NotebookKernel();
        await RunOk(kernel, "var x = 20;");
        await RunOk(kernel, "int Twice(int v) => 2 * v;");
        await RunOk(kernel, "record Point(int X, int Y);");
        var result = await RunOk(kernel, "new Point(Twice(x), 2).X + 2");
        Assert.Equal("42", Fixture.Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Trailing_expression_gives_execute_result_with_execution_count()
    {
        var kernel = new NotebookKernel();
        await RunOk(kernel, "var a = 1;");
        var result = await RunOk(kernel, "a + 1");
        var output = Assert.IsType<DisplayOutput>(Assert.Single(result.Outputs));
        Assert.Equal("execute_result", output.OutputType);
        Assert.Equal(2, output.ExecutionCount);
        Assert.Equal(2, result.ExecutionCount);
    }

    [Fact]
    public async Task Expression_with_semicolon_gives_no_result()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "var a = 1;\nMath.Max(a, 2);");
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public async Task Trailing_void_call_gives_no_result()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "Console.Write(\"\")");
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public async Task Trailing_null_is_still_a_result()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "string? s = null;\ns");
        Assert.Equal("execute_result", Assert.Single(result.Outputs).OutputType);
    }

    [Fact]
    public async Task Display_update_replaces_the_same_output_in_place()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, """
            Console.WriteLine("before");
            var progress = display("epoch 0");
            Console.WriteLine("between");
            for (var i = 1; i <= 5; i++) progress.Update($"epoch {i}");
            display("other");
            """);
        Assert.Collection(result.Outputs,
            o => Assert.Equal("before\n", ((StreamOutput)o).Text),
            o => Assert.Equal("epoch 5", Fixture.Plain(o)),
            o => Assert.Equal("between\n", ((StreamOutput)o).Text),
            o => Assert.Equal("other", Fixture.Plain(o)));
        Assert.All(result.Outputs.OfType<DisplayOutput>(), o => Assert.Equal("display_data", o.OutputType));
    }

    [Fact]
    public async Task Display_found_by_reflection_as_the_library_does()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, """
            var kernelType = AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetType("NotebookCourse.Runner.Kernel")).First(t => t is not null)!;
            var displayMethod = kernelType.GetMethod("display")!;
            var handle = displayMethod.Invoke(null, new object?[] { "loss 1.0", Array.Empty<string>() })!;
            handle.GetType().GetMethod("Update")!.Invoke(handle, new object?[] { "loss 0.1" });
            """);
        Assert.Equal("loss 0.1", Fixture.Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Console_out_and_error_become_stream_outputs_in_order()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, """
            Console.WriteLine("one");
            Console.Out.Write("two\n");
            Console.Error.WriteLine("oops");
            display(3);
            Console.WriteLine("four");
            """);
        Assert.Collection(result.Outputs,
            o => Assert.Equal(new StreamOutput("stdout", "one\ntwo\n"), o),
            o => Assert.Equal(new StreamOutput("stderr", "oops\n"), o),
            o => Assert.Equal("3", Fixture.Plain(o)),
            o => Assert.Equal(new StreamOutput("stdout", "four\n"), o));
    }

    [Fact]
    public async Task Top_level_await_works()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "await Task.Delay(5);\nvar v = await Task.FromResult(7);\nv * 6");
        Assert.Equal("42", Fixture.Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Strings_are_html_escaped()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "\"<script>alert(1)</script>\"");
        var html = Fixture.Html(Assert.Single(result.Outputs));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Equal("<script>alert(1)</script>", Fixture.Plain(result.Outputs[0]));
    }

    [Fact]
    public async Task Collection_of_objects_is_formatted_as_a_table()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "new[] { new { Name = \"a\", Score = 11 }, new { Name = \"b\", Score = 22 } }");
        var html = Fixture.Html(Assert.Single(result.Outputs));
        // One row per element (index column, then the element's properties as a nested table).
        Assert.StartsWith("<table>", html);
        Assert.Contains("<th><i>index</i></th>", html);
        Assert.Contains("<tr><td>0</td>", html);
        Assert.Contains("<tr><td>1</td>", html);
        Assert.Contains("<td>Score</td><td><div class=\"dni-plaintext\"><pre>22</pre>", html);
    }

    [Fact]
    public async Task Nuget_reference_to_a_shipped_package_works()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.SpecialFunctions.Factorial(5)");
        Assert.Equal("120", Fixture.Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Nuget_reference_with_another_version_is_accepted_with_a_note()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "#r \"nuget: MathNet.Numerics, 4.15.0\"\nMathNet.Numerics.Constants.Pi > 3");
        var note = Assert.IsType<StreamOutput>(result.Outputs[0]);
        Assert.Equal("stderr", note.Name);
        Assert.Contains("4.15.0", note.Text);
        Assert.Equal("True", Fixture.Plain(result.Outputs[1]));
    }

    [Fact]
    public async Task Nuget_reference_to_an_unknown_package_names_it_and_lists_the_shipped_ones()
    {
        var kernel = new NotebookKernel();
        var result = await Run(kernel, "#r \"nuget: Newtonsoft.Json, 13.0.3\"\n1");
        Assert.False(result.Succeeded);
        Assert.Equal("package", result.Error!.Kind);
        Assert.Equal(1, result.Error.Line);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Contains("'Newtonsoft.Json'", error.EValue);
        foreach (var shipped in new[] { "MathNet.Numerics", "Plotly.NET", "Microsoft.ML", "Microsoft.Data.Analysis", "System.Numerics.Tensors" })
        {
            Assert.Contains(shipped, error.EValue);
        }
    }

    [Fact]
    public async Task Plotly_chart_is_shown_as_html_both_as_result_and_through_display()
    {
        var kernel = new NotebookKernel();
        await RunOk(kernel, """
            #r "nuget: Plotly.NET.Interactive, 5.0.0"
            #r "nuget: Plotly.NET.CSharp, 0.14.0"
            var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 }, Name: "demo");
            """);
        var result = await RunOk(kernel, "display(chart);\nchart");
        Assert.Equal(2, result.Outputs.Count);
        foreach (var output in result.Outputs)
        {
            var html = Fixture.Html(output);
            Assert.Contains("<div id=", html);
            Assert.Contains("Plotly.newPlot", html);
            Assert.Contains("demo", html);
        }
    }

    [Fact]
    public async Task Polyglot_magic_and_package_source_lines_are_accepted()
    {
        var kernel = new NotebookKernel();
        var result = await RunOk(kernel, "#!csharp\n#i \"nuget: https://example.invalid/v3/index.json\"\n#r \"nuget: MathNet.Numerics\"\n1 + 1");
        Assert.Equal("2", Fixture.Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Another_language_magic_is_a_clear_error()
    {
        var kernel = new NotebookKernel();
        var result = await Run(kernel, "#!fsharp\nlet x = 1");
        Assert.False(result.Succeeded);
        Assert.Contains("#!fsharp", result.Error!.Message);
    }

    [Fact]
    public async Task Compile_error_names_the_line_within_the_cell()
    {
        var kernel = new NotebookKernel();
        var code = "var a = 1;\n\nvar b = a + missingName; // here\n";
        var result = await Run(kernel, code);
        Assert.Equal("compile", result.Error!.Kind);
        Assert.Equal(Fixture.LineOf(code, "// here"), result.Error.Line);
        Assert.Contains("missingName", result.Error.Message);
        Assert.Equal("error", Assert.Single(result.Outputs).OutputType);
    }

    [Fact]
    public async Task Runtime_exception_names_the_line_within_the_cell()
    {
        var kernel = new NotebookKernel();
        var code = "var list = new List<int>();\nvar n = 0;\nvar boom = 10 / n; // here\n";
        var result = await Run(kernel, code, 5);
        Assert.Equal("exception", result.Error!.Kind);
        Assert.Equal(5, result.Error.Cell);
        Assert.Equal(Fixture.LineOf(code, "// here"), result.Error.Line);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal(nameof(DivideByZeroException), error.EName);
        Assert.Equal(new DivideByZeroException().Message, error.EValue);
    }

    [Fact]
    public async Task Exception_in_a_function_from_an_earlier_cell_points_at_that_cell()
    {
        var kernel = new NotebookKernel();
        var definition = "int Divide(int a, int b)\n{\n    return a / b; // here\n}";
        Assert.True((await kernel.ExecuteAsync(definition, 2, Timeout.InfiniteTimeSpan)).Succeeded);
        var result = await Run(kernel, "Divide(1, 0)", 3);
        Assert.Equal(2, result.Error!.Cell);
        Assert.Equal(Fixture.LineOf(definition, "// here"), result.Error.Line);
    }

    [Fact]
    public async Task State_survives_a_failed_cell()
    {
        var kernel = new NotebookKernel();
        await RunOk(kernel, "var kept = 5;");
        Assert.False((await Run(kernel, "throw new Exception(\"x\");")).Succeeded);
        Assert.False((await Run(kernel, "var bad = ;")).Succeeded);
        var result = await RunOk(kernel, "kept + 1");
        Assert.Equal("6", Fixture.Plain(Assert.Single(result.Outputs)));
    }

    [Fact]
    public async Task Cell_running_past_the_timeout_fails_and_the_session_goes_on()
    {
        var kernel = new NotebookKernel();
        await RunOk(kernel, "var kept = 1;");
        var result = await kernel.ExecuteAsync("System.Threading.Thread.Sleep(30_000);\nConsole.WriteLine(\"late\");", 4, TimeSpan.FromSeconds(1.5));
        Assert.Equal("timeout", result.Error!.Kind);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("cell 4 timed out after 1.5 s", error.EValue);
        var next = await RunOk(kernel, "kept + 1");
        Assert.Equal("2", Fixture.Plain(Assert.Single(next.Outputs)));
    }

    private static Task<CellResult> Run(NotebookKernel kernel, string code, int cell)
        => kernel.ExecuteAsync(code, cell, Timeout.InfiniteTimeSpan);
}

/// <summary>Output from work that does not carry the cell's context still reaches the running cell.</summary>
public sealed class BackgroundOutputTests
{
    [Fact]
    public async Task Output_from_a_thread_without_the_cells_context_goes_to_the_running_cell()
    {
        var kernel = new NotebookKernel();
        var result = await kernel.ExecuteAsync("""
            var done = new System.Threading.ManualResetEventSlim();
            System.Threading.ThreadPool.UnsafeQueueUserWorkItem(_ => { Console.WriteLine("from the pool"); done.Set(); }, null);
            done.Wait();
            """);
        Assert.True(result.Succeeded, $"{result.Error}");
        Assert.Equal(new StreamOutput("stdout", "from the pool\n"), Assert.Single(result.Outputs));
    }
}

/// <summary>Package types the runner formats itself.</summary>
public sealed class PackageFormattingTests
{
    [Fact]
    public async Task DataFrame_is_shown_as_a_table_of_its_rows()
    {
        var kernel = new NotebookKernel();
        var result = await kernel.ExecuteAsync("""
            #r "nuget: Microsoft.Data.Analysis, 0.23.1"
            using Microsoft.Data.Analysis;
            new DataFrame(
                new PrimitiveDataFrameColumn<int>("id", Enumerable.Range(1, 25)),
                new StringDataFrameColumn("name", Enumerable.Range(1, 25).Select(i => i == 2 ? "<b>" : $"n{i}")))
            """);
        Assert.True(result.Succeeded, $"{result.Error}");
        var html = Fixture.Html(Assert.Single(result.Outputs));
        Assert.StartsWith("<table><thead><tr><th><i>index</i></th><th>id</th><th>name</th></tr>", html);
        Assert.Contains("<tr><td><i>1</i></td><td>2</td><td>&lt;b&gt;</td></tr>", html);
        Assert.Equal(DataFrameFormatterRows, html.Split("<tr><td>").Length - 1);
        Assert.Contains("5 more row(s), 25 in all", html);
    }

    private const int DataFrameFormatterRows = 20;
}

/// <summary>A displayed value kept in a variable can be updated from a later cell, as in .NET Interactive.</summary>
public sealed class LaterUpdateTests
{
    [Fact]
    public async Task Update_from_a_later_cell_replaces_the_earlier_cells_output()
    {
        var kernel = new NotebookKernel();
        var first = await kernel.ExecuteAsync("var status = display(\"waiting\");");
        var second = await kernel.ExecuteAsync("status.Update(\"finished\");\nConsole.WriteLine(\"second cell\");");
        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal("waiting", Fixture.Plain(Assert.Single(first.Outputs)));
        Assert.Equal("finished", Fixture.Plain(Assert.Single(first.LatestOutputs())));
        Assert.Equal(new StreamOutput("stdout", "second cell\n"), Assert.Single(second.LatestOutputs()));
    }

    [Fact]
    public async Task Output_written_after_a_cell_ended_does_not_join_it()
    {
        var kernel = new NotebookKernel();
        var first = await kernel.ExecuteAsync("var late = Task.Run(async () => { await Task.Delay(300); Console.WriteLine(\"late\"); });");
        await kernel.ExecuteAsync("await late;");
        Assert.Empty(first.LatestOutputs());
    }
}
