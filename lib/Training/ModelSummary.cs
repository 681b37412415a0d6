using System.Globalization;
using System.Text;
using NotebookCourse.Layers;
using NotebookCourse.Presentation;

namespace NotebookCourse.Training;

/// <summary>One line of a <see cref="ModelSummary"/>: a layer, its output shape and its parameter count.</summary>
/// <param name="Name">The layer's name, e.g. "dense_1" (or the field name in a custom module).</param>
/// <param name="Type">The layer's type, e.g. "Dense".</param>
/// <param name="OutputShape">The output shape with the batch axis as None, Keras style: "(None, 10)"; "?" when unknown.</param>
/// <param name="Parameters">The number of trainable values in the layer.</param>
public sealed record SummaryRow(string Name, string Type, string OutputShape, long Parameters);

/// <summary>
/// A model's layers with their output shapes and parameter counts, like Keras's <c>model.summary()</c>:
/// <c>model.Summary()</c> shows that a Dense(10) layer on 784 inputs has 784 × 10 + 10 = 7,850 parameters.
/// </summary>
[TypeFormatterSource(typeof(FormatterSource))]
public sealed class ModelSummary : IHtmlDisplayable
{
    /// <summary>Creates a summary from its rows.</summary>
    public ModelSummary(string modelName, IReadOnlyList<SummaryRow> rows, long totalParameters, long trainableParameters, string? note = null)
    {
        ModelName = modelName;
        Rows = rows;
        TotalParameters = totalParameters;
        TrainableParameters = trainableParameters;
        Note = note;
    }

    /// <summary>The model's name, e.g. "sequential".</summary>
    public string ModelName { get; }

    /// <summary>One row per layer, in order.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>All parameters of the model.</summary>
    public long TotalParameters { get; }

    /// <summary>The parameters training changes (those with RequiresGrad).</summary>
    public long TrainableParameters { get; }

    /// <summary>Parameters that training does not change.</summary>
    public long NonTrainableParameters => TotalParameters - TrainableParameters;

    /// <summary>A remark such as "some layers are not built yet", or null.</summary>
    public string? Note { get; }

    /// <summary>A per-sample shape as Keras prints it with the batch axis: [10] -> "(None, 10)"; null -> "?".</summary>
    internal static string ShapeText(int[]? shape) => shape is null
        ? "?"
        : "(" + string.Join(", ", new[] { "None" }.Concat(shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))) + ")";

    /// <summary>A count with thousands separators: 52650 -> "52,650".</summary>
    internal static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The Keras-style text table.</summary>
    public override string ToString()
    {
        string[] headers = ["Layer (type)", "Output Shape", "Param #"];
        var cells = Rows.Select(r => new[] { $"{r.Name} ({r.Type})", r.OutputShape, Count(r.Parameters) }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var lineWidth = widths.Sum() + 2 * 4 + 1;
        string Row(string[] c) => " " + c[0].PadRight(widths[0]) + "    " + c[1].PadRight(widths[1]) + "    " + c[2].PadLeft(widths[2]);

        var text = new StringBuilder();
        text.Append("Model: \"").Append(ModelName).Append("\"\n");
        text.Append('_', lineWidth).Append('\n');
        text.Append(Row(headers)).Append('\n');
        text.Append('=', lineWidth).Append('\n');
        for (var i = 0; i < cells.Count; i++)
        {
            text.Append(Row(cells[i])).Append('\n');
            if (i < cells.Count - 1) text.Append('\n');
        }
        text.Append('=', lineWidth).Append('\n');
        text.Append("Total params: ").Append(Count(TotalParameters)).Append('\n');
        text.Append("Trainable params: ").Append(Count(TrainableParameters)).Append('\n');
        text.Append("Non-trainable params: ").Append(Count(NonTrainableParameters)).Append('\n');
        text.Append('_', lineWidth);
        if (Note is not null) text.Append('\n').Append(Note);
        return text.ToString();
    }

    /// <summary>
    /// Summarises <paramref name="model"/>. A <see cref="Sequential"/> (or any <see cref="Layer"/>) whose input shape is
    /// known (from its first layer, or <paramref name="inputShape"/> per sample) is built first, as Keras does.
    /// </summary>
    public static ModelSummary Of(Module model, int[]? inputShape = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<SummaryRow>();
        var unbuilt = false;
        if (model is Sequential sequential)
        {
            int[]? shape = inputShape ?? sequential.ModelInputShape;
            if (shape is not null && !sequential.IsBuilt) sequential.Build(shape);
            foreach (var layer in sequential.Layers)
            {
                shape = shape is null ? null : layer.OutputShape(shape);
                unbuilt |= !layer.IsBuilt;
                rows.Add(new SummaryRow(layer.LayerName, layer.GetType().Name, ShapeText(shape), Trainable(layer)));
            }
        }
        else if (model is Layer single && !model.Children().Any())
        {
            var shape = inputShape ?? single.InputShape;
            if (shape is not null && !single.IsBuilt) single.Build(shape);
            unbuilt = !single.IsBuilt;
            rows.Add(new SummaryRow(single.LayerName, single.GetType().Name, ShapeText(shape is null ? null : single.OutputShape(shape)), Trainable(single)));
        }
        else
        {
            var inChildren = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
            foreach (var (name, child) in model.Children())
            {
                foreach (var p in child.Parameters()) inChildren.Add(p);
                var layerName = child is Layer layer ? layer.LayerName : name;
                if (child is Layer { IsBuilt: false }) unbuilt = true;
                rows.Add(new SummaryRow(layerName, child.GetType().Name, "?", Trainable(child)));
            }
            var own = model.Parameters().Where(p => !inChildren.Contains(p)).Sum(p => (long)p.Size);
            if (own > 0) rows.Add(new SummaryRow("(own parameters)", model.GetType().Name, "?", own));
            if (model is Layer top && (inputShape ?? top.InputShape) is { } s)
            {
                rows.Add(new SummaryRow("(output)", model.GetType().Name, ShapeText(top.OutputShape(s)), 0));
            }
        }
        var total = model.Parameters().Sum(p => (long)p.Size);
        var note = unbuilt
            ? "Some layers have no parameters yet: give the first layer its input size (inputSize: / inputShape:), call Summary(inputShape), or train first."
            : null;
        var modelName = model is Layer named ? named.LayerName : model.GetType().Name;
        return new ModelSummary(modelName, rows, total, total, note);
    }

    private static long Trainable(Module module) => module.Parameters().Sum(p => (long)p.Size);

    /// <summary>The summary as Keras shows it in a notebook: layer (type), output shape, parameter count, then the totals.</summary>
    public string ToHtml()
    {
        var rows = Rows.Select(r => (IReadOnlyList<string>)[$"{r.Name} ({r.Type})", r.OutputShape, Count(r.Parameters)]).ToList();
        var html = new StringBuilder("<div class=\"nc-summary\"><div style=\"font-family:sans-serif;font-size:12px;margin-bottom:2px\">Model: <b>")
            .Append(Html.Escape(ModelName)).Append("</b></div>");
        html.Append(Html.Table(["Layer (type)", "Output Shape", "Param #"], rows, caption: null, shortenRows: false, leftColumns: 2));
        html.Append("<div style=\"").Append(Html.CaptionStyle).Append("\">")
            .Append("Total params: <b>").Append(Html.Escape(Count(TotalParameters))).Append("</b> · ")
            .Append("Trainable params: ").Append(Html.Escape(Count(TrainableParameters))).Append(" · ")
            .Append("Non-trainable params: ").Append(Html.Escape(Count(NonTrainableParameters)))
            .Append("</div>");
        if (Note is not null) html.Append(Html.Caption(Note));
        return html.Append("</div>").ToString();
    }
}
