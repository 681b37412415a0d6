using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace NotebookCourse.Runner;

/// <summary>The kernel could not be started (the tool is missing and cannot be restored, or it exited before it was ready).</summary>
public sealed class KernelStartException(string message) : Exception(message);

/// <summary>How a submitted cell ended.</summary>
public enum SubmissionOutcome
{
    /// <summary>The kernel answered CommandSucceeded.</summary>
    Succeeded,

    /// <summary>The kernel answered CommandFailed (compile error, exception, missing package…).</summary>
    Failed,

    /// <summary>The cell ran past its time limit; the kernel was killed (a running cell cannot be interrupted).</summary>
    TimedOut,

    /// <summary>The kernel process ended during the cell (stack overflow, Environment.Exit, killed…).</summary>
    KernelEnded,
}

/// <summary>What the kernel said about one submission.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Message">CommandFailed's message, or why the kernel ended.</param>
/// <param name="Elapsed">From sending the command to its terminal event (or to the kill).</param>
public sealed record SubmissionResult(SubmissionOutcome Outcome, string? Message, TimeSpan Elapsed);

/// <summary>One event of the kernel's stdio protocol; <see cref="Event"/> is valid only during the callback.</summary>
/// <param name="Type">The eventType, e.g. StandardOutputValueProduced.</param>
/// <param name="Event">The event's payload.</param>
/// <param name="Token">The token of the command it belongs to (a submission's own token or a child token "t1.3").</param>
public readonly record struct KernelEvent(string Type, JsonElement Event, string? Token);

/// <summary>
/// The real .NET Interactive kernel (<c>dotnet tool run dotnet-interactive -- stdio --working-dir FOLDER</c>,
/// the process VS Code Polyglot Notebooks starts) as a child process spoken to in its JSON-lines protocol.
/// The kernel runs in its own session and process group, so that a timeout, a crash or the end of the
/// run kills the whole group (<c>dotnet tool run</c> starts the kernel as its child); a watchdog in the
/// group kills it too if this process dies first, so no kernel is ever left spinning.
/// </summary>
public sealed class KernelProcess : IAsyncDisposable
{
    /// <summary>The pinned tool version (also in the repository's dotnet-tools.json).</summary>
    public const string ToolVersion = "1.0.712001";

    private const int SigKill = 9;
    private static readonly Lazy<Task> Restore = new(RestoreToolAsync);
    private static readonly HashSet<KernelProcess> Live = [];

    private readonly Process _process;
    private const int DiagnosticsHead = 1024;
    private const int DiagnosticsTail = 4096;
    private readonly StringBuilder _diagnostics = new();
    private bool _diagnosticsCut;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;
    private readonly Task _errorReader;
    private readonly Lock _gate = new();
    private string? _currentToken;
    private Action<KernelEvent>? _currentHandler;
    private TaskCompletionSource<(SubmissionOutcome, string?)>? _currentDone;
    private int _nextToken;
    private bool _ended;
    private bool _killed;

    static KernelProcess()
    {
        // A runner stopped by Ctrl+C or by its host still ends its kernels (SIGKILL is covered by the watchdog).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    private KernelProcess(Process process)
    {
        _process = process;
        _reader = Task.Factory.StartNew(ReadEvents, TaskCreationOptions.LongRunning);
        _errorReader = Task.Factory.StartNew(ReadErrors, TaskCreationOptions.LongRunning);
    }

    /// <summary>Time from starting the process to the kernel's KernelReady event.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>The first submission's time (Roslyn warm-up), when a session made one.</summary>
    public TimeSpan WarmUpTime { get; set; }

    /// <summary>The kernel's process group id (the id of the process started).</summary>
    public int ProcessGroup => _process.Id;

    /// <summary>Where the tool manifest (dotnet-tools.json) is: beside the runner, else above the current directory.</summary>
    public static string ToolManifestFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new KernelStartException(
            $"dotnet-tools.json (the manifest pinning Microsoft.dotnet-interactive {ToolVersion}) is neither beside the runner ({AppContext.BaseDirectory}) nor above {Environment.CurrentDirectory}");
    }

    /// <summary>
    /// Starts a kernel whose working directory is <paramref name="workingDirectory"/> (relative <c>#r</c> paths
    /// resolve there) and waits for it to be ready. <paramref name="environment"/> adds to the inherited environment.
    /// </summary>
    public static async Task<KernelProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? readyTimeout = null, CancellationToken cancellationToken = default)
    {
        await Restore.Value.WaitAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = ToolManifestFolder(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        // setsid: a new session and process group led by this process. The shell starts a watchdog that
        // kills the group once the runner is gone, then becomes `dotnet tool run` (same pid).
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""
            runner=$1; shift
            (while kill -0 "$runner" 2>/dev/null; do sleep 2; done; kill -KILL 0) </dev/null >/dev/null 2>&1 &
            exec "$@"
            """);
        start.ArgumentList.Add("nbcourse-kernel");
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var argument in new[] { DotnetHost(), "tool", "run", "dotnet-interactive", "--", "stdio", "--working-dir", Path.GetFullPath(workingDirectory) })
        {
            start.ArgumentList.Add(argument);
        }
        PrepareEnvironment(start.Environment, environment);

        var process = Process.Start(start) ?? throw new KernelStartException("could not start setsid/dotnet");
        var kernel = new KernelProcess(process);
        lock (Live)
        {
            Live.Add(kernel);
        }
        var timeout = readyTimeout ?? TimeSpan.FromMinutes(2);
        try
        {
            var ready = await Task.WhenAny(kernel._ready.Task, Task.Delay(timeout, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (ready != kernel._ready.Task)
            {
                throw new KernelStartException($"the .NET Interactive kernel was not ready after {timeout.TotalSeconds:0} s{kernel.DiagnosticsSuffix()}");
            }
            await kernel._ready.Task; // rethrows when it ended before it was ready
        }
        catch
        {
            await kernel.DisposeAsync();
            throw;
        }
        kernel.StartTime = clock.Elapsed;
        return kernel;
    }

    /// <summary>
    /// Sends <paramref name="code"/> to the kernel named <paramref name="kernelName"/> and calls <paramref name="onEvent"/>
    /// for each event of that submission, until its CommandSucceeded/CommandFailed. Past <paramref name="timeout"/>
    /// the kernel is killed (Cancel does not stop a busy loop in the real kernel) and the outcome is TimedOut.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(string code, string kernelName, TimeSpan timeout, Action<KernelEvent> onEvent, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var done = new TaskCompletionSource<(SubmissionOutcome, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        string token;
        lock (_gate)
        {
            if (_ended)
            {
                return new SubmissionResult(SubmissionOutcome.KernelEnded, "the kernel had already ended" + DiagnosticsSuffix(), TimeSpan.Zero);
            }
            token = $"nbcourse-{++_nextToken}";
            _currentToken = token;
            _currentHandler = onEvent;
            _currentDone = done;
        }
        var command = JsonSerializer.Serialize(new SubmitCodeCommand(new SubmitCode(code, kernelName), token), RunnerJson.Default.SubmitCodeCommand);
        try
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // The kernel is gone; the reader reports it below.
        }

        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(done.Task, Task.Delay(timeout, delay.Token));
        delay.Cancel();
        if (finished != done.Task)
        {
            Kill();
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                _currentHandler = null;
            }
            return new SubmissionResult(SubmissionOutcome.TimedOut, null, clock.Elapsed);
        }
        var (outcome, message) = await done.Task;
        if (outcome == SubmissionOutcome.KernelEnded)
        {
            message = await EndReasonAsync();
        }
        return new SubmissionResult(outcome, message, clock.Elapsed);
    }

    /// <summary>Receives events that arrive between submissions (e.g. an update of an earlier cell's display from a background task).</summary>
    public Action<KernelEvent>? BetweenCells { get; set; }

    /// <summary>Asks the kernel to quit, then kills its whole process group (the watchdog included).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_ended)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("""{"commandType":"Quit","command":{},"token":"nbcourse-quit"}""");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(3));
            }
            catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
            {
                // Killed below.
            }
        }
        Kill();
        try
        {
            await Task.WhenAll(_reader, _errorReader).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        lock (Live)
        {
            Live.Remove(this);
        }
        _process.Dispose();
    }

    /// <summary>Kills the kernel's process group at once (the kernel, its <c>dotnet tool run</c> parent and the watchdog).</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (_killed)
            {
                return;
            }
            _killed = true;
        }
        if (kill(-_process.Id, SigKill) != 0)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private static void KillAll()
    {
        KernelProcess[] live;
        lock (Live)
        {
            live = [.. Live];
        }
        foreach (var kernel in live)
        {
            kernel.Kill();
        }
    }

    private void ReadEvents()
    {
        var reader = _process.StandardOutput;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] != '{')
            {
                AddDiagnostic(line);
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                Dispatch(document.RootElement);
            }
            catch (JsonException)
            {
                AddDiagnostic(line);
            }
        }
        TaskCompletionSource<(SubmissionOutcome, string?)>? pending;
        lock (_gate)
        {
            _ended = true;
            pending = _currentDone;
        }
        _ready.TrySetException(new KernelStartException($"the .NET Interactive kernel ended before it was ready{DiagnosticsSuffix()}"));
        pending?.TrySetResult((SubmissionOutcome.KernelEnded, null));
    }

    private void Dispatch(JsonElement root)
    {
        if (!root.TryGetProperty("eventType", out var typeElement) || typeElement.GetString() is not { } type)
        {
            return;
        }
        string? token = null;
        if (root.TryGetProperty("command", out var command) && command.ValueKind == JsonValueKind.Object
            && command.TryGetProperty("token", out var tokenElement) && tokenElement.ValueKind == JsonValueKind.String)
        {
            token = tokenElement.GetString();
        }
        if (type == "KernelReady")
        {
            _ready.TrySetResult();
            return;
        }
        var payload = root.TryGetProperty("event", out var e) ? e : default;
        Action<KernelEvent>? handler;
        TaskCompletionSource<(SubmissionOutcome, string?)>? done;
        string? current;
        lock (_gate)
        {
            current = _currentToken;
            handler = _currentHandler;
            done = _currentDone;
        }
        var ours = current is not null && token is not null
            && (token == current || (token.Length > current.Length && token.StartsWith(current, StringComparison.Ordinal) && token[current.Length] == '.'));
        if (ours && token == current && type is "CommandSucceeded" or "CommandFailed")
        {
            string? message = type == "CommandFailed" && payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("message", out var m) ? m.GetString() : null;
            lock (_gate)
            {
                _currentToken = null;
                _currentHandler = null;
                _currentDone = null;
            }
            done?.TrySetResult((type == "CommandSucceeded" ? SubmissionOutcome.Succeeded : SubmissionOutcome.Failed, message));
            return;
        }
        var target = ours ? handler : BetweenCells;
        target?.Invoke(new KernelEvent(type, payload, token));
    }

    private void ReadErrors()
    {
        var buffer = new char[4096];
        int read;
        while ((read = _process.StandardError.Read(buffer, 0, buffer.Length)) > 0)
        {
            AddDiagnostic(new string(buffer, 0, read), newline: false);
        }
    }

    private void AddDiagnostic(string text, bool newline = true)
    {
        // Keep the beginning (e.g. "Stack overflow.") and the end of what the kernel printed, not all of it:
        // a stack overflow prints thousands of frames.
        lock (_diagnostics)
        {
            if (_diagnostics.Length >= DiagnosticsHead + DiagnosticsTail)
            {
                _diagnostics.Remove(DiagnosticsHead, _diagnostics.Length - DiagnosticsHead - DiagnosticsTail / 2);
                _diagnosticsCut = true;
            }
            _diagnostics.Append(text);
            if (newline)
            {
                _diagnostics.Append('\n');
            }
        }
    }

    private string DiagnosticsSuffix()
    {
        string text;
        lock (_diagnostics)
        {
            text = _diagnostics.ToString().Trim();
            if (_diagnosticsCut && text.Length > DiagnosticsHead)
            {
                text = text[..DiagnosticsHead].TrimEnd() + "\n[…]\n" + text[DiagnosticsHead..].TrimStart();
            }
        }
        return text.Length == 0 ? "" : $"; it printed: {text}";
    }

    private async Task<string> EndReasonAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            await _errorReader.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
        }
        var code = _process.HasExited ? _process.ExitCode : (int?)null;
        Kill();
        var exit = code switch
        {
            null => "it stopped answering",
            > 128 and < 160 => $"exit code {code} (signal {code - 128}{(code == 134 ? ", SIGABRT" : code == 137 ? ", SIGKILL" : "")})",
            < 0 => $"exit code {code} (signal {-code})",
            _ => $"exit code {code}",
        };
        return $"the kernel process ended ({exit}){DiagnosticsSuffix()}";
    }

    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// The kernel inherits this process's environment (as under VS Code), plus <paramref name="extra"/>, less
    /// the MSBuild variables a <c>dotnet run</c>/<c>dotnet test</c> parent sets: the kernel runs MSBuild
    /// itself for <c>#r "nuget: …"</c>, and a parent's MSBuild settings would misdirect it.
    /// </summary>
    private static void PrepareEnvironment(IDictionary<string, string?> environment, IReadOnlyDictionary<string, string>? extra)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
        {
            environment.Remove(name);
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }
    }

    /// <summary>Runs <c>dotnet tool restore</c> once per process, so a fresh clone gets the pinned kernel on first use (0.2 s when already restored).</summary>
    private static async Task RestoreToolAsync()
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = ToolManifestFolder(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("tool");
        start.ArgumentList.Add("restore");
        PrepareEnvironment(start.Environment, null);
        using var process = Process.Start(start) ?? throw new KernelStartException("could not start dotnet tool restore");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new KernelStartException(
                $"`dotnet tool restore` in {start.WorkingDirectory} failed (exit {process.ExitCode}); it installs Microsoft.dotnet-interactive {ToolVersion} from NuGet: {(await output + await error).Trim()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // a one-line P/Invoke; no marshalling to generate
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
