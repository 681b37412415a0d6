using NotebookCourse.Data;
using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Optimizers;

namespace NotebookCourse.Bench;

/// <summary>
/// The two hand-written training loops of the course, written as a learner writes them: no
/// Tensor.Scope, no buffers of their own, only the calls the notebooks teach. One epoch is one
/// foreach over <see cref="Batches"/> (the batches Fit would use for the same seed).
/// </summary>
internal abstract class OursLoop
{
    private readonly Batches _batches;

    protected OursLoop(Mnist data, int batch, int seed)
    {
        Tensor.ManualSeed(seed);
        var x = new Tensor(data.TrainX, [data.TrainCount, 784]);
        var y = new Tensor(Mnist.OneHot(data.TrainY), [data.TrainCount, 10]);
        _batches = Batches.Create(x, y, batch, seed: seed);
    }

    /// <summary>Trains one epoch and returns the mean loss.</summary>
    public double Epoch()
    {
        double lossSum = 0;
        foreach (var (x, y) in _batches)
        {
            var loss = Step(x, y);
            lossSum += loss * x.Shape[0];
        }
        return lossSum / _batches.Samples;
    }

    /// <summary>Forward, loss, backward and update on one batch; returns the loss.</summary>
    protected abstract float Step(Tensor x, Tensor y);

    /// <summary>The scores (logits) for a batch of images, without dropout.</summary>
    protected abstract Tensor Scores(Tensor x);

    /// <summary>Accuracy on a test set.</summary>
    public double Accuracy(float[] images, byte[] labels)
    {
        using var noGrad = Tensor.NoGrad();
        var predicted = Scores(new Tensor(images, [labels.Length, 784])).ArgMax(1).ToIntArray();
        var correct = 0;
        for (var i = 0; i < labels.Length; i++) correct += predicted[i] == labels[i] ? 1 : 0;
        return correct / (double)labels.Length;
    }
}

/// <summary>
/// Level 1, raw tensors and autograd (notebooks 03 and 05): weights are tensors with requiresGrad,
/// the forward pass is written out, the loss is the cross-entropy formula, and Adam updates the list
/// of tensors.
/// </summary>
internal sealed class OursRaw : OursLoop
{
    private readonly List<Tensor> _weights = [];
    private readonly List<Tensor> _biases = [];
    private readonly float _dropout;
    private readonly Adam _optimizer;

    public OursRaw(Mnist data, int[] hidden, float dropout, int batch, int seed) : base(data, batch, seed)
    {
        int[] sizes = [784, .. hidden, 10];
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            // Glorot-uniform weights and zero biases, as Keras's Dense starts.
            var limit = MathF.Sqrt(6f / (sizes[l] + sizes[l + 1]));
            _weights.Add(Tensor.RandomUniform([sizes[l], sizes[l + 1]], -limit, limit, requiresGrad: true));
            _biases.Add(Tensor.Zeros(sizes[l + 1]));
            _biases[^1].RequiresGrad = true;
        }
        _dropout = dropout;
        _optimizer = new Adam([.. _weights, .. _biases], 1e-3f);
    }

    protected override float Step(Tensor x, Tensor y)
    {
        // Cross-entropy −Σ y·log softmax(z) per row, averaged; log-softmax keeps it finite where softmax underflows to 0.
        var loss = -(y * Forward(x, training: true).LogSoftmax()).Sum() / x.Shape[0];
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }

    protected override Tensor Scores(Tensor x) => Forward(x, training: false);

    private Tensor Forward(Tensor x, bool training)
    {
        var h = x;
        for (var l = 0; l < _weights.Count; l++)
        {
            h = h.MatMul(_weights[l]) + _biases[l];
            if (l + 1 < _weights.Count)
            {
                h = h.Relu();
                if (training && _dropout > 0) h = h.Dropout(_dropout);
            }
        }
        return h;
    }
}

/// <summary>Level 2, a module and an optimizer (PyTorch style, notebooks 09 and 11): zero_grad, backward, step.</summary>
internal sealed class OursModule : OursLoop
{
    private sealed class Mlp : Module
    {
        public Sequential Layers { get; } = new();

        public Mlp(int[] hidden, float dropout)
        {
            var inputs = 784;
            foreach (var units in hidden)
            {
                Layers.Add(new Linear(inputs, units));
                Layers.Add(new ReLU());
                if (dropout > 0) Layers.Add(new Dropout(dropout));
                inputs = units;
            }
            Layers.Add(new Linear(inputs, 10));
        }

        public override Tensor Forward(Tensor x) => Layers.Forward(x);
    }

    private readonly Mlp _model;
    private readonly Adam _optimizer;
    private readonly CategoricalCrossEntropy _criterion = new(fromLogits: true);

    public OursModule(Mnist data, int[] hidden, float dropout, int batch, int seed) : base(data, batch, seed)
    {
        _model = new Mlp(hidden, dropout);
        _optimizer = new Adam(_model.Parameters(), 1e-3f);
    }

    protected override float Step(Tensor x, Tensor y)
    {
        _model.Train();
        var loss = _criterion.Forward(_model.Forward(x), y);
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }

    protected override Tensor Scores(Tensor x)
    {
        _model.Eval();
        return _model.Forward(x);
    }
}
