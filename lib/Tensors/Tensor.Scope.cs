using NotebookCourse.Kernels;

namespace NotebookCourse;

// Where tensor operations get memory for their results: from the open TensorScope's pool, or new.
public sealed partial class Tensor
{
    /// <summary>
    /// Opens a scope in which intermediate results borrow pooled memory that is reused when the scope
    /// is disposed: wrap one training batch in <c>using (Tensor.Scope()) { ... }</c>. See <see cref="TensorScope"/>.
    /// </summary>
    public static TensorScope Scope() => new();

    /// <summary>An array for an operation's result: pooled inside a scope that lends now, new otherwise; contents unspecified.</summary>
    internal static float[] NewData(int length)
    {
        var scope = TensorScope.Current;
        return scope is null || length == 0 || !scope.Lends ? GC.AllocateUninitializedArray<float>(length) : scope.Rent(length);
    }

    /// <summary>Like <see cref="NewData"/>, filled with zeros.</summary>
    internal static float[] NewZeroedData(int length)
    {
        var scope = TensorScope.Current;
        if (scope is null || length == 0 || !scope.Lends) return new float[length];
        var data = scope.Rent(length);
        Array.Clear(data);
        return data;
    }
}
