using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace NotebookCourse.Data;

/// <summary>
/// Writes a file so that a crash midway never leaves a half-written file: the bytes go to a
/// temporary file in the same folder, are flushed to disk, and only then replace the target.
/// </summary>
/// <remarks>
/// <para>The temporary file is <c>.&lt;name&gt;.&lt;32 hex digits&gt;.tmp</c> beside the target, and the save holds a
/// lock on it until it has been renamed into place. A process killed midway (kill -9, a restarted
/// notebook kernel) leaves its temporary file behind: the next save to the same target removes every
/// such file that no save holds locked. Files of other targets, and the temporary file of a save still
/// in progress in another process, are never touched.</para>
/// <para>On SIGTERM (and at a normal process exit) the temporary files of saves still in progress in this
/// process are deleted; the target keeps its previous content.</para>
/// </remarks>
internal static class AtomicFile
{
    /// <summary>The temporary files this process is writing now.</summary>
    private static readonly ConcurrentDictionary<string, byte> s_inProgress = new();

    /// <summary>Kept alive: the SIGTERM handler is unregistered when this is collected.</summary>
    private static PosixSignalRegistration? s_terminate;

    private static int s_exitHandlersAdded;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, all or nothing.</summary>
    /// <exception cref="IOException">The path is a folder, or writing failed (the previous file is then intact).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{path} is a folder; give the path of a file to write, such as {Path.Combine(path, "model.safetensors")}.");
        }
        var folder = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(folder);
        RemoveStaleTemporaries(folder, name);
        AddExitHandlers();

        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        s_inProgress[temporary] = 0;
        try
        {
            // FileShare.Delete lets the open file be renamed on Windows; on Unix the open handle is a lock
            // that tells other processes' cleanup this file is in use.
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
            File.Move(temporary, full, overwrite: true); // while still locked, so no cleanup can take it first
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
            }
            throw;
        }
        finally
        {
            s_inProgress.TryRemove(temporary, out _);
        }
    }

    /// <summary>Writes text atomically (UTF-8).</summary>
    public static void WriteAllText(string path, string text)
        => Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

    /// <summary>
    /// Deletes the temporary files of earlier saves to <paramref name="name"/> that were interrupted: those
    /// named exactly like this target's and that no save (in this or another process) holds open.
    /// </summary>
    private static void RemoveStaleTemporaries(string folder, string name)
    {
        var prefix = $".{name}.";
        foreach (var candidate in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
        {
            var fileName = Path.GetFileName(candidate);
            if (!fileName.StartsWith(prefix, StringComparison.Ordinal) || !IsTemporaryName(fileName.AsSpan(prefix.Length)) || s_inProgress.ContainsKey(candidate))
            {
                continue;
            }
            try
            {
                // Opening it alone fails while a save in progress holds it.
                new FileStream(candidate, FileMode.Open, FileAccess.Read, FileShare.None).Dispose();
                File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>"&lt;32 lower-case hex digits&gt;.tmp", the end of a temporary file's name.</summary>
    private static bool IsTemporaryName(ReadOnlySpan<char> rest) =>
        rest.Length == 36 && rest.EndsWith(".tmp", StringComparison.Ordinal) && !rest[..32].ContainsAnyExcept("0123456789abcdef");

    /// <summary>Deletes this process's temporary files when it is told to stop (SIGTERM) or exits.</summary>
    private static void AddExitHandlers()
    {
        if (Interlocked.Exchange(ref s_exitHandlersAdded, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteInProgress();
        try
        {
            s_terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => DeleteInProgress());
        }
        catch (PlatformNotSupportedException)
        {
        }
    }

    private static void DeleteInProgress()
    {
        foreach (var temporary in s_inProgress.Keys)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
