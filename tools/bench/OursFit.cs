using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Optimizers;
using NotebookCourse.Training;

namespace NotebookCourse.Bench;

/// <summary>
/// The same models built the way learners build them: Sequential + Dense (+ Dropout), compiled with
/// an optimizer and a loss, trained with Fit (which runs each batch inside a Tensor.Scope).
/// One call of <see cref="Epoch"/> is Fit for one epoch.
/// </summary>
internal sealed class OursFit
{
    private readonly Sequential _model;
    private readonly Tensor _x, _y;
    private readonly int _batch;
    private int _epoch;

    /// <summary>
    /// Softmax regression Keras-style (Dense(10, "softmax"), categorical cross-entropy on probabilities),
    /// or the MLP PyTorch-style (ReLU hidden layers, dropout, logits, cross-entropy from logits).
    /// </summary>
    public OursFit(Mnist data, int[] hidden, float dropout, Optimizer optimizer, int batch, int seed)
    {
        Tensor.ManualSeed(seed);
        _x = new Tensor(data.TrainX, [data.TrainCount, 784]);
        _y = new Tensor(Mnist.OneHot(data.TrainY), [data.TrainCount, 10]);
        _batch = batch;
        _model = new Sequential();
        var inputs = 784;
        foreach (var units in hidden)
        {
            _model.Add(new Dense(units, "relu", inputSize: inputs));
            if (dropout > 0) _model.Add(new Dropout(dropout));
            inputs = units;
        }
        if (hidden.Length == 0)
        {
            _model.Add(new Dense(10, "softmax", inputSize: inputs));
            _model.Compile(optimizer, new CategoricalCrossEntropy());
        }
        else
        {
            _model.Add(new Dense(10, inputSize: inputs));
            _model.Compile(optimizer, new CategoricalCrossEntropy(fromLogits: true));
        }
        BatchesPerEpoch = (data.TrainCount + batch - 1) / batch;
    }

    /// <summary>Number of batches in one epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Trains one epoch with Fit and returns its mean loss.</summary>
    public double Epoch() => Fit(1);

    /// <summary>Trains <paramref name="epochs"/> epochs with Fit and returns the last epoch's mean loss.</summary>
    public double Fit(int epochs)
    {
        var history = _model.Fit(_x, _y, batchSize: _batch, epochs: epochs, seed: 1000 + _epoch, verbose: 0);
        _epoch += epochs;
        return history["loss"][^1];
    }

    /// <summary>Test accuracy with the library's Predict.</summary>
    public double Accuracy(float[] images, byte[] labels)
    {
        var predicted = _model.Predict(new Tensor(images, [labels.Length, 784]), batchSize: 1000).ArgMax(1).ToIntArray();
        var correct = 0;
        for (var i = 0; i < labels.Length; i++) correct += predicted[i] == labels[i] ? 1 : 0;
        return correct / (double)labels.Length;
    }
}
