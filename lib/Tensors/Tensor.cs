namespace NotebookCourse;

/// <summary>
/// An n-dimensional array of float32 values in row-major order that can remember how it was
/// computed, so that Backward can find the gradient of a result with respect to it.
/// </summary>
public sealed partial class Tensor
{
}
