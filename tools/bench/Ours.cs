using System.Numerics.Tensors;

namespace NotebookCourse.Bench;

/// <summary>
/// Training loops on our library: tensors, autograd and a hand-written Adam/SGD, the way a learner
/// writes them in the from-scratch notebooks. One epoch = one pass over the shuffled training set.
/// </summary>
internal sealed class Ours
{
    private readonly Tensor _x, _y;
    private readonly int _count;
    private readonly int[] _order;
    private readonly Random _random;
    private readonly List<Tensor> _parameters = [];
    private readonly List<(float[] M, float[] V)> _adam = [];
    private readonly bool _useAdam;
    private readonly float _learningRate;
    private readonly int[] _hidden;
    private readonly float _dropout;
    private readonly float[][] _masks;
    private readonly int _batch;
    private int _steps;

    /// <summary>A softmax regression (hidden = []) or an MLP, with optional dropout after each hidden layer.</summary>
    public Ours(Mnist data, int[] hidden, float dropout, bool adam, float learningRate, int batch, int seed)
    {
        _x = new Tensor(data.TrainX, [data.TrainCount, 784]);
        _y = new Tensor(Mnist.OneHot(data.TrainY), [data.TrainCount, 10]);
        _count = data.TrainCount;
        _order = Enumerable.Range(0, _count).ToArray();
        _random = new Random(seed);
        _hidden = hidden;
        _dropout = dropout;
        _useAdam = adam;
        _learningRate = learningRate;
        _batch = batch;
        var sizes = new[] { 784 }.Concat(hidden).Append(10).ToArray();
        for (var l = 0; l + 1 < sizes.Length; l++)
        {
            // Glorot-uniform weights and zero biases (Keras' Dense defaults).
            var limit = MathF.Sqrt(6f / (sizes[l] + sizes[l + 1]));
            _parameters.Add(Tensor.RandomUniform([sizes[l], sizes[l + 1]], -limit, limit, _random, requiresGrad: true));
            _parameters.Add(Tensor.Zeros(sizes[l + 1]));
            _parameters[^1].RequiresGrad = true;
        }
        foreach (var p in _parameters) _adam.Add((new float[p.Size], new float[p.Size]));
        _masks = hidden.Select(h => new float[batch * h]).ToArray();
    }

    /// <summary>Number of batches in one epoch.</summary>
    public int BatchesPerEpoch => (_count + _batch - 1) / _batch;

    /// <summary>Trains one epoch and returns the mean loss.</summary>
    public double Epoch()
    {
        Shuffle(_order, _random);
        double lossSum = 0;
        for (var start = 0; start < _count; start += _batch)
        {
            // One batch's intermediates borrow pooled memory, returned when the scope ends.
            using var scope = Tensor.Scope();
            var size = Math.Min(_batch, _count - start);
            var rows = new ArraySegment<int>(_order, start, size);
            var x = _x.Rows(rows);
            var y = _y.Rows(rows);
            var loss = Loss(Forward(x, training: true), y);
            foreach (var p in _parameters) p.ZeroGrad();
            loss.Backward();
            lossSum += loss.Item() * size;
            Step();
        }
        return lossSum / _count;
    }

    /// <summary>Accuracy on a test set.</summary>
    public double Accuracy(float[] images, byte[] labels)
    {
        using var noGrad = Tensor.NoGrad();
        var predicted = Forward(new Tensor(images, [labels.Length, 784]), training: false).ArgMax(1).ToIntArray();
        var correct = 0;
        for (var i = 0; i < labels.Length; i++) correct += predicted[i] == labels[i] ? 1 : 0;
        return correct / (double)labels.Length;
    }

    private Tensor Forward(Tensor x, bool training)
    {
        var h = x;
        for (var l = 0; l < _parameters.Count; l += 2)
        {
            h = h.MatMul(_parameters[l]) + _parameters[l + 1];
            if (l + 2 < _parameters.Count)
            {
                h = h.Relu();
                if (training && _dropout > 0) h = h * DropoutMask(l / 2, h.Shape);
            }
        }
        return h;
    }

    /// <summary>Inverted dropout: zero with probability p, else scale by 1/(1-p); the mask array is reused.</summary>
    private Tensor DropoutMask(int layer, int[] shape)
    {
        var mask = _masks[layer];
        var size = shape[0] * shape[1];
        if (mask.Length != size) mask = new float[size];
        var keep = 1f / (1f - _dropout);
        for (var i = 0; i < size; i++) mask[i] = _random.NextSingle() < _dropout ? 0f : keep;
        return new Tensor(mask, shape);
    }

    /// <summary>Mean cross-entropy of softmax(logits) against one-hot targets, through log-softmax.</summary>
    private static Tensor Loss(Tensor logits, Tensor oneHot) => -(logits.LogSoftmax(1) * oneHot).Sum() / logits.Shape[0];

    private void Step()
    {
        _steps++;
        using var noGrad = Tensor.NoGrad();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var g = p.Grad!.Data;
            var w = p.Data;
            if (!_useAdam)
            {
                TensorPrimitives.MultiplyAdd(g, -_learningRate, w, w);
                continue;
            }
            // Adam (Kingma & Ba), bias-corrected, eps 1e-7 as in Keras.
            const float Beta1 = 0.9f, Beta2 = 0.999f, Eps = 1e-7f;
            var (m, v) = _adam[i];
            var c1 = 1f - MathF.Pow(Beta1, _steps);
            var c2 = 1f - MathF.Pow(Beta2, _steps);
            var stepSize = _learningRate / c1;
            for (var j = 0; j < g.Length; j++)
            {
                m[j] = Beta1 * m[j] + (1f - Beta1) * g[j];
                v[j] = Beta2 * v[j] + (1f - Beta2) * g[j] * g[j];
                w[j] -= stepSize * m[j] / (MathF.Sqrt(v[j] / c2) + Eps);
            }
        }
    }

    private static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
