using NotebookCourse.Data;

namespace NotebookCourse.Tests.Support;

/// <summary>
/// The test assembly's entry point, for tests that need a process of their own to stop or kill:
/// <c>dotnet NotebookCourse.Tests.dll save-and-wait PATH</c> starts an atomic save of PATH, prints
/// "saving" once its temporary file is being written, and waits there until the process is stopped.
/// The test runner does not use it (it loads the assembly and calls the tests).
/// </summary>
public static class Program
{
    /// <summary>Runs the scenario named by the first argument.</summary>
    public static int Main(string[] args)
    {
        if (args is ["save-and-wait", var path])
        {
            AtomicFile.Write(path, stream =>
            {
                stream.Write(new byte[4096]);
                stream.Flush();
                Console.WriteLine("saving");
                Thread.Sleep(Timeout.Infinite);
            });
            return 0;
        }
        Console.Error.WriteLine("usage: dotnet NotebookCourse.Tests.dll save-and-wait PATH");
        return 2;
    }
}
