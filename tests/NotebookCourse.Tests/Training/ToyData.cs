namespace NotebookCourse.Tests.Training;

/// <summary>The course's small data sets (COURSE.md sections 01 and 03).</summary>
internal static class ToyData
{
    /// <summary>The 8 x 4 three-class table of section 03.</summary>
    public static Tensor SoftmaxX => Tensor.FromArray(new float[,]
    {
        { 1, 2, 1, 1 }, { 2, 1, 3, 2 }, { 3, 1, 3, 4 }, { 4, 1, 5, 5 },
        { 1, 7, 5, 5 }, { 1, 2, 5, 6 }, { 1, 6, 6, 6 }, { 1, 7, 7, 7 },
    });

    /// <summary>Its classes.</summary>
    public static readonly int[] SoftmaxClasses = [2, 2, 2, 1, 1, 1, 0, 0];

    /// <summary>Its classes one-hot.</summary>
    public static Tensor SoftmaxY => OneHot(SoftmaxClasses, 3);

    /// <summary>The pass/fail toy of section 01, one feature per row.</summary>
    public static Tensor BinaryX => Tensor.FromArray(new float[,] { { -2 }, { -1.5f }, { -1 }, { 1.25f }, { 1.62f }, { 2 } });

    /// <summary>Its labels as a column.</summary>
    public static Tensor BinaryY => Tensor.FromArray(new float[,] { { 0 }, { 0 }, { 0 }, { 1 }, { 1 }, { 1 } });

    public static Tensor OneHot(int[] classes, int count)
    {
        var data = new float[classes.Length * count];
        for (var i = 0; i < classes.Length; i++) data[i * count + classes[i]] = 1;
        return new Tensor(data, [classes.Length, count]);
    }
}
