namespace NotebookCourse;

// Comparisons give 1 where true and 0 where false, so their mean is a proportion (accuracy).
// They are not differentiable: the results never take part in Backward.
public sealed partial class Tensor
{
    /// <summary>1 where the values are equal, else 0 (same shapes, or one of them a single value).</summary>
    public Tensor Eq(Tensor other) => Compare(other, "Eq", (a, b) => a == b);

    /// <summary>1 where this value is greater than <paramref name="threshold"/>, else 0.</summary>
    public Tensor Gt(float threshold) => Compare(Scalar(threshold), "Gt", (a, b) => a > b);

    /// <summary>1 where this value is at least <paramref name="threshold"/>, else 0 (e.g. probability ≥ 0.5).</summary>
    public Tensor Ge(float threshold) => Compare(Scalar(threshold), "Ge", (a, b) => a >= b);

    /// <summary>1 where this value is less than <paramref name="threshold"/>, else 0.</summary>
    public Tensor Lt(float threshold) => Compare(Scalar(threshold), "Lt", (a, b) => a < b);

    /// <summary>True when both tensors have the same shape and every pair of values differs by at most <paramref name="tolerance"/>.</summary>
    public bool AllClose(Tensor other, float tolerance = 1e-5f)
    {
        if (!SameShape(Shape, other.Shape)) return false;
        for (var i = 0; i < Size; i++)
        {
            if (!(MathF.Abs(Data[i] - other.Data[i]) <= tolerance)) return false;
        }
        return true;
    }

    private Tensor Compare(Tensor other, string name, Func<float, float, bool> test)
    {
        if (other.Size != 1 && !SameShape(Shape, other.Shape))
        {
            throw new ArgumentException($"{name}: shapes {ShapeText(Shape)} and {ShapeText(other.Shape)} differ.");
        }
        var result = NewData(Size);
        for (var i = 0; i < Size; i++) result[i] = test(Data[i], other.Size == 1 ? other.Data[0] : other.Data[i]) ? 1f : 0f;
        return new Tensor(result, (int[])Shape.Clone());
    }
}
