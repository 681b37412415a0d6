using System.Diagnostics;
using System.Runtime.InteropServices;
using NotebookCourse.Data;
using NotebookCourse.Serialization;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>
/// Saves interrupted by kill -9 or SIGTERM leave no temporary files behind for long: the next save to the
/// same file removes those of killed processes, SIGTERM removes its own, and nothing of another save is touched.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private const int SigTerm = 15;

    private readonly string _folder = Directory.CreateTempSubdirectory("atomicfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string[] Temporaries(string name) => Directory.GetFiles(_folder, $".{name}.*.tmp");

    private static string TemporaryName(string target) => $".{target}.{Guid.NewGuid():N}.tmp";

    [Fact]
    public void The_next_save_removes_the_temporary_files_that_killed_saves_left()
    {
        var target = PathOf("model.safetensors");
        var stale = new[] { PathOf(TemporaryName("model.safetensors")), PathOf(TemporaryName("model.safetensors")) };
        foreach (var file in stale) File.WriteAllBytes(file, new byte[1000]);

        CreateModel().Save(target);

        Assert.All(stale, file => Assert.False(File.Exists(file)));
        Assert.Equal([target], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Temporary_files_of_other_targets_and_other_files_are_left_alone()
    {
        string[] others =
        [
            PathOf(TemporaryName("other.safetensors")),         // another model's save
            PathOf(TemporaryName("model.safetensors.bak")),     // a target whose name starts the same
            PathOf(".model.safetensors.backup.tmp"),            // not a name a save makes
            PathOf(".model.safetensors.0123456789ABCDEF0123456789ABCDEF.tmp"),
            PathOf("model.safetensors.tmp"),
        ];
        foreach (var file in others) File.WriteAllBytes(file, [1, 2, 3]);

        CreateModel().Save(PathOf("model.safetensors"));

        Assert.All(others, file => Assert.True(File.Exists(file), $"{file} was deleted"));
    }

    [Fact]
    public void A_temporary_file_that_another_save_holds_open_is_left_alone()
    {
        var inFlight = PathOf(TemporaryName("model.safetensors"));
        using (var other = new FileStream(inFlight, FileMode.CreateNew, FileAccess.Write, FileShare.Delete))
        {
            other.Write(new byte[100]);
            CreateModel().Save(PathOf("model.safetensors"));
            Assert.True(File.Exists(inFlight));
        }
        CreateModel().Save(PathOf("model.safetensors")); // once it is no longer held, it counts as stale
        Assert.False(File.Exists(inFlight));
    }

    [Fact]
    public void Saves_to_the_same_file_from_several_threads_all_succeed()
    {
        var target = PathOf("shared.safetensors");
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            AtomicFile.Write(target, stream =>
            {
                stream.Write(new byte[10_000 + i]);
                Thread.Sleep(5);
            }));
        Assert.InRange(new FileInfo(target).Length, 10_000, 10_015);
        Assert.Empty(Temporaries("shared.safetensors"));
    }

    [Fact]
    public void A_process_stopped_by_SIGTERM_mid_save_removes_its_temporary_file_and_keeps_the_old_one()
    {
        var target = PathOf("model.safetensors");
        File.WriteAllBytes(target, [42]);
        using var child = StartSavingChild(target);
        Assert.Single(Temporaries("model.safetensors"));

        Assert.Equal(0, Kill(child.Id, SigTerm));
        Assert.True(child.WaitForExit(60_000), "the child did not stop on SIGTERM");

        Assert.Equal(128 + SigTerm, child.ExitCode);
        Assert.Empty(Temporaries("model.safetensors"));
        Assert.Equal([42], File.ReadAllBytes(target));
    }

    [Fact]
    public void A_process_killed_mid_save_leaves_a_temporary_file_that_the_next_save_removes()
    {
        var target = PathOf("model.safetensors");
        File.WriteAllBytes(target, [42]);
        using (var child = StartSavingChild(target))
        {
            child.Kill(); // SIGKILL: nothing runs in the child
            Assert.True(child.WaitForExit(60_000));
        }
        Assert.Single(Temporaries("model.safetensors"));
        Assert.Equal([42], File.ReadAllBytes(target));

        CreateModel().Save(target);

        Assert.Empty(Temporaries("model.safetensors"));
        Assert.Equal(8, NotebookCourse.Layers.Sequential.Load(target).Layers.OfType<NotebookCourse.Layers.Dense>().First().Units);
    }

    /// <summary>This test assembly run as a program (Support/Program.cs) that starts saving and waits mid-save.</summary>
    private static Process StartSavingChild(string target)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Support.Program).Assembly.Location);
        start.ArgumentList.Add("save-and-wait");
        start.ArgumentList.Add(target);
        var child = Process.Start(start)!;
        var line = child.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || line.Result != "saving")
        {
            child.Kill();
            throw new InvalidOperationException($"the child process did not start saving: {line.Status} '{(line.IsCompletedSuccessfully ? line.Result : "")}' {child.StandardError.ReadToEnd()}");
        }
        return child;
    }

    /// <summary>The dotnet executable running the tests (the test runner's host names it in DOTNET_HOST_PATH).</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.ProcessPath is string self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
