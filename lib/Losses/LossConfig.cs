namespace NotebookCourse.Losses;

/// <summary>What rebuilds a loss: its name and whether it takes raw scores (logits), saved in model files.</summary>
/// <param name="Name">The loss's name, e.g. "categorical_crossentropy".</param>
/// <param name="FromLogits">Whether predictions are raw scores rather than probabilities.</param>
public sealed record LossConfig(string Name, bool FromLogits = false);
