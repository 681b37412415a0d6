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

    /// <summary>Reads the four gzip IDX files.</summary>
    public static Mnist Load()
    {
        var folder = MnistFiles.FindFolder();
        return new Mnist
        {
            TrainX = MnistFiles.ReadImages(Path.Combine(folder, "train-images-idx3-ubyte.gz"), out _),
            TrainY = MnistFiles.ReadLabels(Path.Combine(folder, "train-labels-idx1-ubyte.gz")),
            TestX = MnistFiles.ReadImages(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), out _),
            TestY = MnistFiles.ReadLabels(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz")),
        };
    }

    /// <summary>Labels as one-hot rows, [count * 10].</summary>
    public static float[] OneHot(byte[] labels)
    {
        var result = new float[labels.Length * 10];
        for (var i = 0; i < labels.Length; i++) result[i * 10 + labels[i]] = 1f;
        return result;
    }
}
