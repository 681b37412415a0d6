using System.Text;

namespace NotebookCourse.Runner;

/// <summary>
/// Replaces Console.Out and Console.Error once per process with writers that send text to the running
/// cell's outputs (as .NET Interactive does), and to the real console outside a cell.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>The process's own standard output, before redirection.</summary>
    public static TextWriter OriginalOut { get; private set; } = Console.Out;

    /// <summary>The process's own standard error, before redirection.</summary>
    public static TextWriter OriginalError { get; private set; } = Console.Error;

    /// <summary>Installs the routing writers (idempotent).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }
            OriginalOut = Console.Out;
            OriginalError = Console.Error;
            Console.SetOut(new RoutingWriter("stdout", OriginalOut));
            Console.SetError(new RoutingWriter("stderr", OriginalError));
            _installed = true;
        }
    }

    private sealed class RoutingWriter(string streamName, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }
            if (CurrentCell.Value is { } cell)
            {
                cell.WriteStream(streamName, value);
            }
            else
            {
                lock (fallback)
                {
                    fallback.Write(value);
                }
            }
        }

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (CurrentCell.Value is null)
            {
                fallback.Flush();
            }
        }
    }
}
