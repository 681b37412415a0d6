namespace NotebookCourse.Layers;

/// <summary>
/// PyTorch's name for a fully connected layer: <c>new Linear(784, 64)</c>. It is a <see cref="Dense"/>
/// without activation whose weights and bias start as PyTorch's do, U(−1/√in, 1/√in).
/// </summary>
/// <remarks>Weight is stored [in, out] (Keras's layout); PyTorch stores the transpose [out, in].</remarks>
public sealed class Linear : Dense, ILayerFromConfig<Linear>
{
    /// <summary>Creates a layer mapping <paramref name="inFeatures"/> inputs to <paramref name="outFeatures"/> outputs.</summary>
    /// <param name="inFeatures">The number of inputs.</param>
    /// <param name="outFeatures">The number of outputs.</param>
    /// <param name="bias">Whether to add a bias vector.</param>
    /// <param name="init">How to fill Weight (default PyTorch's uniform); the bias uses PyTorch's rule unless this is given.</param>
    /// <param name="random">The random generator for the initial values (default <see cref="Tensor.Generator"/>).</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Initializer? init = null, Random? random = null)
        : base(outFeatures, null, init ?? new TorchLinearDefault(), bias, inFeatures, init is null ? new TorchLinearDefault() : new Zeros(), random)
    {
    }

    /// <summary>The number of inputs.</summary>
    public int InFeatures => InputSize!.Value;

    /// <summary>The number of outputs.</summary>
    public int OutFeatures => Units;

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(
        ("in_features", InFeatures), ("out_features", OutFeatures), ("bias", UseBias), ("kernel_initializer", KernelInitializer.Name));

    /// <summary>Rebuilds a Linear layer from its <see cref="Config"/> (hides Dense's, which builds a Dense).</summary>
    public static new Linear FromConfig(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // "torch_default" is what a Linear made without init reports: make it the same way, bias rule included.
        var init = config.Get("kernel_initializer", TorchDefault) == TorchDefault ? null : InitializerOf(config, "kernel_initializer");
        return config.Named(new Linear(config.Require<int>("in_features"), config.Require<int>("out_features"), config.Get("bias", true), init));
    }

    private static readonly string TorchDefault = new TorchLinearDefault().Name;
}
