using System.Buffers.Binary;
using System.Numerics.Tensors;

namespace NotebookCourse.Data;

/// <summary>
/// The content of one IDX file (the format MNIST is distributed in): its dimensions and its
/// unsigned bytes, row-major. Convert with <see cref="ToImages"/> or <see cref="ToLabels"/>.
/// </summary>
/// <param name="Source">The file the data came from, used in error messages.</param>
/// <param name="Dimensions">The size of each axis, e.g. [60000, 28, 28] for the training images.</param>
/// <param name="Bytes">The values (one unsigned byte each), row-major.</param>
public sealed record IdxData(string Source, int[] Dimensions, byte[] Bytes)
{
    /// <summary>The magic number of an IDX file of images (unsigned bytes, 3 dimensions): 2051.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX file of labels (unsigned bytes, 1 dimension): 2049.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The file's magic number: 0x0800 + number of dimensions (2051 for images, 2049 for labels).</summary>
    public int MagicNumber => 0x0800 | Dimensions.Length;

    /// <summary>The header as the file stores it: magic number, then each dimension (big-endian int32).</summary>
    public byte[] HeaderBytes()
    {
        var header = new byte[4 + 4 * Dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, MagicNumber);
        for (var d = 0; d < Dimensions.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), Dimensions[d]);
        return header;
    }

    /// <summary>The number of items: the first dimension (images or labels).</summary>
    public int Count => Dimensions.Length == 0 ? 1 : Dimensions[0];

    /// <summary>
    /// The images as a float tensor [n, rows, cols], or [n, rows * cols] when <paramref name="flatten"/>;
    /// values 0..255, or 0..1 when <paramref name="scale"/> (divided by 255).
    /// </summary>
    /// <exception cref="InvalidDataException">The file does not hold 3-D data (images).</exception>
    public Tensor ToImages(bool flatten = false, bool scale = false)
    {
        if (Dimensions.Length != 3)
        {
            throw new InvalidDataException(
                $"{Source}: expected images (3 dimensions, magic {ImagesMagic}) but the file has {Dimensions.Length} dimension(s) {Tensor.ShapeText(Dimensions)}.");
        }
        var values = GC.AllocateUninitializedArray<float>(Bytes.Length);
        TensorPrimitives.ConvertChecked<byte, float>(Bytes, values);
        if (scale) TensorPrimitives.Multiply(values, 1f / 255f, values);
        int[] shape = flatten ? [Dimensions[0], Dimensions[1] * Dimensions[2]] : (int[])Dimensions.Clone();
        return new Tensor(values, shape);
    }

    /// <summary>The labels as integers (e.g. the digit 0..9 of each image).</summary>
    /// <exception cref="InvalidDataException">The file does not hold 1-D data (labels).</exception>
    public int[] ToLabels()
    {
        if (Dimensions.Length != 1)
        {
            throw new InvalidDataException(
                $"{Source}: expected labels (1 dimension, magic {LabelsMagic}) but the file has {Dimensions.Length} dimension(s) {Tensor.ShapeText(Dimensions)}.");
        }
        return Array.ConvertAll(Bytes, b => (int)b);
    }

    /// <summary>The labels as a float tensor [n] (class indices, as sparse losses expect).</summary>
    public Tensor ToLabelTensor() => new(Array.ConvertAll(ToLabels(), v => (float)v), [Count]);

    /// <summary>All values as a float tensor with the file's own dimensions (0..255, not scaled).</summary>
    public Tensor ToTensor() => new(Array.ConvertAll(Bytes, b => (float)b), (int[])Dimensions.Clone());
}
