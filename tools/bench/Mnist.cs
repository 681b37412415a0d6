namespace NotebookCourse.Bench;

/// <summary>MNIST in the forms both libraries start from: flat float pixels in [0, 1] and byte labels.</summary>
internal sealed class Mnist
{
    /// <summary>Training images, [60000 * 784].</summary>
    public required float[] TrainX { get; init; }

    /// <summary>Training labels 0..9.</summary>
    public required byte[] TrainY { get; init; }

    /// <summary>Test images, [10000 * 784].</summary>
    public required float[] TestX { get; init; }

    /// <summary>Test labels 0..9.</summary>
    public required byte[] TestY { get; init; }

    /// <summary>Number of training images.</summary>
    public int TrainCount => TrainY.Length;

    /// <summary>Number of test images.</summary>
    public int TestCount => TestY.Length;

    /// <summary>Reads the four gzip IDX files with the library's loader (flattened, scaled to [0, 1]).</summary>
    public static Mnist Load()
    {
        var data = NotebookCourse.Data.Mnist.Load(FindFolder(), flatten: true, scale: true);
        return new Mnist
        {
            TrainX = data.TrainImages.Data,
            TrainY = Array.ConvertAll(data.TrainLabels, v => (byte)v),
            TestX = data.TestImages.Data,
            TestY = Array.ConvertAll(data.TestLabels, v => (byte)v),
        };
    }

    /// <summary>The folder holding the MNIST .gz files: $MNIST_DIR, or shared/data/mnist found upwards from the program.</summary>
    private static string FindFolder()
    {
        var env = Environment.GetEnvironmentVariable("MNIST_DIR");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "mnist");
            if (File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte.gz"))) return candidate;
        }
        throw new DirectoryNotFoundException("MNIST not found: set MNIST_DIR to the folder with train-images-idx3-ubyte.gz.");
    }

    /// <summary>Labels as one-hot rows, [count * 10].</summary>
    public static float[] OneHot(byte[] labels)
    {
        var result = new float[labels.Length * 10];
        for (var i = 0; i < labels.Length; i++) result[i * 10 + labels[i]] = 1f;
        return result;
    }
}
