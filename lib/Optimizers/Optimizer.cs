using NotebookCourse.Kernels;
using NotebookCourse.Registry;

namespace NotebookCourse.Optimizers;

/// <summary>
/// Updates parameters from their gradients, one <see cref="Step"/> per batch: the PyTorch loop is
/// <c>opt.ZeroGrad(); loss.Backward(); opt.Step();</c>. Made without parameters (<c>new Adam(0.001f)</c>)
/// it is bound to a model later with <see cref="Bind"/>, as Keras's compile does.
/// </summary>
public abstract class Optimizer
{
    private Tensor[] _parameters = [];
    private readonly Dictionary<string, float[]?[]> _slots = [];
    private float _learningRate;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> (null: bind later).</summary>
    protected Optimizer(IEnumerable<Tensor>? parameters, float learningRate)
    {
        LearningRate = learningRate;
        if (parameters is not null) Bind(parameters);
    }

    /// <summary>The optimizer's name, e.g. "adam".</summary>
    public abstract string Name { get; }

    /// <summary>The step size; may be changed between epochs (e.g. by a schedule).</summary>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0f) || float.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), $"{GetType().Name}: the learning rate must be a finite number ≥ 0, got {value}.");
            _learningRate = value;
        }
    }

    /// <summary>How many times <see cref="Step"/> has run.</summary>
    public int Steps { get; private set; }

    /// <summary>The tensors this optimizer updates.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>True once there are parameters to update.</summary>
    public bool IsBound => _parameters.Length > 0;

    /// <summary>The name and hyper-parameters, for model files and summaries.</summary>
    public abstract OptimizerConfig Config { get; }

    /// <summary>
    /// Sets the parameters to update (Keras's compile does this). Binding a different list clears the
    /// saved state (moments, step count); binding the same tensors again keeps it.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor does not require a gradient, or appears twice.</exception>
    public void Bind(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToArray();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null) throw new ArgumentException($"{GetType().Name}: parameter {i} is null.", nameof(parameters));
            if (!list[i].RequiresGrad)
            {
                throw new ArgumentException($"{GetType().Name}: parameter {i} ({Tensor.ShapeText(list[i].Shape)}) does not require a gradient; create it with requiresGrad: true.", nameof(parameters));
            }
            if (!seen.Add(list[i])) throw new ArgumentException($"{GetType().Name}: parameter {i} appears twice.", nameof(parameters));
        }
        if (list.Length == _parameters.Length && list.Zip(_parameters).All(pair => ReferenceEquals(pair.First, pair.Second))) return;
        _parameters = list;
        _slots.Clear();
        Steps = 0;
    }

    /// <summary>Clears the gradients of every parameter (call before each Backward; gradients add up otherwise).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.ZeroGrad();
    }

    /// <summary>Updates every parameter that has a gradient, outside graph recording.</summary>
    /// <exception cref="InvalidOperationException">The optimizer has no parameters yet.</exception>
    public void Step()
    {
        if (!IsBound) throw new InvalidOperationException($"{GetType().Name}: no parameters to update; pass model.Parameters() to the constructor or call Bind.");
        using var _ = Tensor.NoGrad();
        Steps++;
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.Grad is null) continue;
            Update(i, p.Data, p.Grad.Data);
            FlushSubnormals(i);
        }
    }

    /// <summary>Applies one update to parameter <paramref name="index"/> in place; <see cref="Steps"/> already counts this step.</summary>
    protected abstract void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient);

    /// <summary>
    /// Sets the state values of parameter <paramref name="index"/> that have decayed below the smallest normal
    /// float (1.2·10⁻³⁸) to zero, as Keras's TensorFlow does by flushing such numbers in the processor.
    /// Adam's v shrinks by β2 = 0.999 a step wherever the gradient is zero, such as for a pixel that is
    /// rarely lit, and spends some 16,000 steps in that range: arithmetic there is about a hundred times
    /// slower, and made an MLP's Adam step six times slower after two epochs. Values so small change no update.
    /// </summary>
    private void FlushSubnormals(int index)
    {
        foreach (var buffers in _slots.Values)
        {
            if (buffers[index] is { } state) ElementwiseKernels.FlushSubnormalsToZero(state);
        }
    }

    /// <summary>
    /// A per-parameter buffer kept between steps (a moment estimate), zero at first. Its name is used
    /// in <see cref="State"/>, e.g. "m.0" for slot "m" of parameter 0.
    /// </summary>
    protected float[] Slot(string name, int index)
    {
        if (!_slots.TryGetValue(name, out var buffers)) _slots[name] = buffers = new float[]?[_parameters.Length];
        return buffers[index] ??= new float[_parameters[index].Size];
    }

    /// <summary>
    /// Everything the optimizer remembers, to save with a model: "steps" (a scalar) and one tensor per
    /// slot and parameter index, e.g. "m.0", "v.0" for Adam's moments of the first parameter.
    /// </summary>
    public IEnumerable<KeyValuePair<string, Tensor>> State()
    {
        yield return new("steps", Tensor.Scalar(Steps));
        foreach (var (name, buffers) in _slots)
        {
            for (var i = 0; i < buffers.Length; i++)
            {
                if (buffers[i] is float[] b) yield return new($"{name}.{i}", new Tensor((float[])b.Clone(), (int[])_parameters[i].Shape.Clone()));
            }
        }
    }

    /// <summary>Restores what <see cref="State"/> returned (the parameters must be bound, in the same order).</summary>
    /// <exception cref="ArgumentException">An entry names an unknown parameter or has the wrong shape.</exception>
    public void LoadState(IEnumerable<KeyValuePair<string, Tensor>> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entries = state.ToList();
        var restored = new Dictionary<string, float[]?[]>();
        var steps = 0;
        foreach (var (key, tensor) in entries)
        {
            if (key == "steps")
            {
                steps = (int)MathF.Round(tensor.Item());
                continue;
            }
            var dot = key.LastIndexOf('.');
            if (dot <= 0 || !int.TryParse(key[(dot + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                throw new ArgumentException($"{GetType().Name}.LoadState: entry '{key}' is not 'steps' or '<slot>.<parameter index>'.", nameof(state));
            }
            if (index >= _parameters.Length)
            {
                throw new ArgumentException($"{GetType().Name}.LoadState: entry '{key}' is for parameter {index}, but only {_parameters.Length} are bound.", nameof(state));
            }
            if (!Tensor.SameShape(tensor.Shape, _parameters[index].Shape))
            {
                throw new ArgumentException(
                    $"{GetType().Name}.LoadState: entry '{key}' has shape {Tensor.ShapeText(tensor.Shape)} but parameter {index} has {Tensor.ShapeText(_parameters[index].Shape)}.", nameof(state));
            }
            var name = key[..dot];
            if (!restored.TryGetValue(name, out var buffers)) restored[name] = buffers = new float[]?[_parameters.Length];
            buffers[index] = (float[])tensor.Data.Clone();
        }
        _slots.Clear();
        foreach (var (name, buffers) in restored) _slots[name] = buffers;
        Steps = steps;
    }

    /// <summary>The name and learning rate.</summary>
    public override string ToString() => Config.ToString();

    /// <summary>The optimizer types <see cref="Rebuild"/> knows, by name (any case): the library's own, then those registered.</summary>
    private static readonly TypeRegistry<Optimizer, OptimizerConfig> s_types = new(typeof(IOptimizerFromConfig<>), nameof(Entries), name => name.Trim().ToLowerInvariant());

    /// <summary>Makes an optimizer of your own known to <c>Compile</c> by name and to model files.</summary>
    /// <exception cref="ArgumentException">Another type is already registered under the same name.</exception>
    public static void Register<TOptimizer>() where TOptimizer : Optimizer, IOptimizerFromConfig<TOptimizer>
    {
        if (s_types.Add(typeof(TOptimizer)) is { } known)
        {
            throw new ArgumentException($"Optimizer.Register: the name '{TOptimizer.KerasName}' already stands for {known.FullName}.");
        }
    }

    /// <summary>The type registered under <paramref name="name"/>, or null.</summary>
    internal static Type? RegisteredType(string name) => s_types.TypeOf(name);

    /// <summary>The names <see cref="Rebuild"/> and <see cref="FromName"/> know, in alphabetical order.</summary>
    internal static IReadOnlyList<string> RegisteredNames => s_types.Names;

    /// <summary>An optimizer by Keras name ("sgd", "adam", "rmsprop") with default settings, not yet bound.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Optimizer FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Rebuild(new OptimizerConfig(name, new Dictionary<string, double>()));
    }

    /// <summary>Rebuilds an optimizer (not yet bound) from its <see cref="Config"/>: its own FromConfig does the work.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Optimizer Rebuild(OptimizerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var fromConfig = s_types.FromConfig(config.Name)
            ?? throw new ArgumentException($"Unknown optimizer '{config.Name}'. Known: {string.Join(", ", RegisteredNames)}.", nameof(config));
        return fromConfig(config);
    }

    /// <summary>An optimizer type's one name, its Keras name, and its FromConfig (for <see cref="TypeRegistry{TBase, TConfig}"/>).</summary>
    private static IEnumerable<(string, Func<OptimizerConfig, Optimizer>)> Entries<TOptimizer>() where TOptimizer : Optimizer, IOptimizerFromConfig<TOptimizer>
        => [(TOptimizer.KerasName, config => TOptimizer.FromConfig(config))];

    /// <summary>Checks a hyper-parameter lies in [low, high).</summary>
    protected static float InRange(float value, float low, float high, string name, string optimizer)
    {
        if (!(value >= low && value < high)) throw new ArgumentOutOfRangeException(name, $"{optimizer}: {name} must be in [{low}, {high}), got {value}.");
        return value;
    }
}
