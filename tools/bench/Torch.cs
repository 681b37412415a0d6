using TorchSharp;
using static TorchSharp.torch;

namespace NotebookCourse.Bench;

using Tensor = TorchSharp.torch.Tensor;

/// <summary>The same training loops on TorchSharp-cpu (libtorch), the reference for speed.</summary>
internal sealed class Torch : IDisposable
{
    private readonly Tensor _x, _y;
    private readonly int _count;
    private readonly int _batch;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Generator _generator;

    /// <summary>Softmax regression (hidden = []) or an MLP with dropout after each hidden layer.</summary>
    public Torch(Mnist data, int[] hidden, float dropout, bool adam, float learningRate, int batch, int seed)
    {
        torch.manual_seed(seed);
        _generator = new Generator((ulong)seed);
        _x = torch.tensor(data.TrainX, [data.TrainCount, 784]);
        _y = torch.tensor(data.TrainY.Select(b => (long)b).ToArray(), [data.TrainCount]);
        _count = data.TrainCount;
        _batch = batch;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        static (string, nn.Module<Tensor, Tensor>) Named(string name, nn.Module<Tensor, Tensor> module) => (name, module);
        var inputs = 784;
        for (var l = 0; l < hidden.Length; l++)
        {
            layers.Add(Named($"dense{l}", nn.Linear(inputs, hidden[l])));
            layers.Add(Named($"relu{l}", nn.ReLU()));
            if (dropout > 0) layers.Add(Named($"dropout{l}", nn.Dropout(dropout)));
            inputs = hidden[l];
        }
        layers.Add(Named("out", nn.Linear(inputs, 10)));
        _model = nn.Sequential(layers.ToArray());
        _optimizer = adam ? optim.Adam(_model.parameters(), learningRate) : optim.SGD(_model.parameters(), learningRate);
    }

    /// <summary>Trains one epoch and returns the mean loss.</summary>
    public double Epoch()
    {
        _model.train();
        using var order = torch.randperm(_count, generator: _generator);
        double lossSum = 0;
        for (var start = 0; start < _count; start += _batch)
        {
            using var scope = torch.NewDisposeScope();
            var size = Math.Min(_batch, _count - start);
            var rows = order.narrow(0, start, size);
            var x = _x.index_select(0, rows);
            var y = _y.index_select(0, rows);
            _optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_model.call(x), y);
            loss.backward();
            _optimizer.step();
            lossSum += loss.item<float>() * size;
        }
        return lossSum / _count;
    }

    /// <summary>Accuracy on a test set.</summary>
    public double Accuracy(float[] images, byte[] labels)
    {
        _model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var predicted = _model.call(torch.tensor(images, [labels.Length, 784])).argmax(1).data<long>().ToArray();
        var correct = 0;
        for (var i = 0; i < labels.Length; i++) correct += predicted[i] == labels[i] ? 1 : 0;
        return correct / (double)labels.Length;
    }

    /// <summary>Frees the native tensors.</summary>
    public void Dispose()
    {
        _x.Dispose();
        _y.Dispose();
        _model.Dispose();
        _optimizer.Dispose();
    }
}
