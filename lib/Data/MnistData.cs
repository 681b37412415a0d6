namespace NotebookCourse.Data;

/// <summary>
/// The MNIST handwritten digits: 60,000 training and 10,000 test images with their digit labels.
/// Images are [n, 28, 28] (or [n, 784] when loaded flattened), values 0..255 (or 0..1 when scaled).
/// </summary>
/// <param name="TrainImages">Training images, [60000, 28, 28] or [60000, 784].</param>
/// <param name="TrainLabels">Training labels, the digit 0..9 of each image.</param>
/// <param name="TestImages">Test images, [10000, 28, 28] or [10000, 784].</param>
/// <param name="TestLabels">Test labels, the digit 0..9 of each image.</param>
public sealed record MnistData(Tensor TrainImages, int[] TrainLabels, Tensor TestImages, int[] TestLabels)
{
    /// <summary>The number of classes (digits 0..9).</summary>
    public const int ClassCount = 10;

    /// <summary>Training labels one-hot encoded, [60000, 10] (Keras <c>to_categorical</c>).</summary>
    public Tensor TrainLabelsOneHot => OneHot.Encode(TrainLabels, ClassCount);

    /// <summary>Test labels one-hot encoded, [10000, 10].</summary>
    public Tensor TestLabelsOneHot => OneHot.Encode(TestLabels, ClassCount);

    /// <summary>Training labels as a float tensor of class indices [60000] (for sparse losses).</summary>
    public Tensor TrainLabelTensor => new(Array.ConvertAll(TrainLabels, v => (float)v), [TrainLabels.Length]);

    /// <summary>Test labels as a float tensor of class indices [10000].</summary>
    public Tensor TestLabelTensor => new(Array.ConvertAll(TestLabels, v => (float)v), [TestLabels.Length]);

    /// <summary>A one-line description with the shapes, for printing in a notebook.</summary>
    public override string ToString() =>
        $"MNIST: train images {Tensor.ShapeText(TrainImages.Shape)}, train labels [{TrainLabels.Length}], test images {Tensor.ShapeText(TestImages.Shape)}, test labels [{TestLabels.Length}]";
}
