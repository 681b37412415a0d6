using System.Globalization;
using System.Text;
using NotebookCourse.Presentation;

namespace NotebookCourse.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs: row = the true class, column = the prediction (as
/// scikit-learn prints it). The diagonal holds the right answers; the rest shows which classes are
/// confused with which. Gives per-class precision, recall and F1 and a classification report.
/// </summary>
[TypeFormatterSource(typeof(FormatterSource))]
public sealed class ConfusionMatrix : IHtmlDisplayable
{
    private readonly int[,] _counts;

    private ConfusionMatrix(int[,] counts, IReadOnlyList<string> classNames)
    {
        _counts = counts;
        ClassNames = classNames;
    }

    /// <summary>
    /// Builds the matrix from predicted and true class numbers (0..classes−1). The number of classes is
    /// the number of names when given, otherwise one more than the largest class seen.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a class number is out of range.</exception>
    public static ConfusionMatrix From(IReadOnlyList<int> predictedClasses, IReadOnlyList<int> trueClasses, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(predictedClasses);
        ArgumentNullException.ThrowIfNull(trueClasses);
        if (predictedClasses.Count != trueClasses.Count)
        {
            throw new ArgumentException($"ConfusionMatrix: {predictedClasses.Count} predictions but {trueClasses.Count} true classes; they must pair up.");
        }
        var classes = classNames?.Count ?? Math.Max(predictedClasses.DefaultIfEmpty(-1).Max(), trueClasses.DefaultIfEmpty(-1).Max()) + 1;
        var names = classNames?.ToArray() ?? Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        var counts = new int[classes, classes];
        for (var i = 0; i < predictedClasses.Count; i++)
        {
            int p = predictedClasses[i], t = trueClasses[i];
            if (p < 0 || p >= classes || t < 0 || t >= classes)
            {
                throw new ArgumentException($"ConfusionMatrix: sample {i} has predicted class {p} and true class {t}; classes must be 0..{classes - 1}.");
            }
            counts[t, p]++;
        }
        return new ConfusionMatrix(counts, names);
    }

    /// <summary>
    /// Builds the matrix from a batch of model outputs [n, classes] (argmax), [n, 1] probabilities
    /// (threshold 0.5) or class indices [n] (e.g. from ArgMax), and targets as one-hot rows, class
    /// indices, or 0/1 values.
    /// </summary>
    public static ConfusionMatrix From(Tensor predictions, Tensor targets, IReadOnlyList<string>? classNames = null)
    {
        var predicted = Classes.Predicted(predictions, targets, out var truth);
        int? classes = Classes.IsMultiClass(predictions) ? predictions.Shape[^1] : Classes.AreIndices(predictions) ? null : 2;
        if (classNames is not null && classes is int n && classNames.Count != n)
        {
            throw new ArgumentException($"ConfusionMatrix: {classNames.Count} class names for {n} classes.", nameof(classNames));
        }
        return From(predicted, truth, classNames ?? (classes is int c ? Enumerable.Range(0, c).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray() : null));
    }

    /// <summary>A copy of the counts: [true class, predicted class].</summary>
    public int[,] Counts => (int[,])_counts.Clone();

    /// <summary>The count of samples of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    public int this[int trueClass, int predictedClass] => _counts[trueClass, predictedClass];

    /// <summary>The class names, in class-number order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>The number of samples counted.</summary>
    public int Total
    {
        get
        {
            var total = 0;
            foreach (var c in _counts) total += c;
            return total;
        }
    }

    /// <summary>The fraction of samples on the diagonal (predicted right).</summary>
    public double Accuracy
    {
        get
        {
            var right = 0;
            for (var c = 0; c < ClassCount; c++) right += _counts[c, c];
            return Total == 0 ? 0 : (double)right / Total;
        }
    }

    /// <summary>How many samples truly belong to class <paramref name="c"/> (its row sum).</summary>
    public int Support(int c) => RowSum(Check(c));

    /// <summary>Of the samples predicted as class c, the fraction that are c: TP / (TP + FP); 0 when none are predicted c.</summary>
    public double Precision(int c)
    {
        var predicted = ColumnSum(Check(c));
        return predicted == 0 ? 0 : (double)_counts[c, c] / predicted;
    }

    /// <summary>Of the samples of class c, the fraction found: TP / (TP + FN); 0 when there are none.</summary>
    public double Recall(int c)
    {
        var actual = RowSum(Check(c));
        return actual == 0 ? 0 : (double)_counts[c, c] / actual;
    }

    /// <summary>The harmonic mean of precision and recall, 2PR / (P + R); 0 when both are 0.</summary>
    public double F1(int c)
    {
        double p = Precision(c), r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => Enumerable.Range(0, ClassCount).Average(F1);

    /// <summary>
    /// A text table like scikit-learn's classification_report: precision, recall, F1 and support per
    /// class, then accuracy, the macro average and the support-weighted average.
    /// </summary>
    public string ClassificationReport(int digits = 2)
    {
        var width = Math.Max(12, ClassNames.Select(n => n.Length).DefaultIfEmpty(0).Max());
        string F(double v) => v.ToString("F" + digits, CultureInfo.InvariantCulture).PadLeft(10);
        var builder = new StringBuilder();
        builder.Append(new string(' ', width)).Append("precision".PadLeft(10)).Append("recall".PadLeft(10))
            .Append("f1-score".PadLeft(10)).Append("support".PadLeft(10)).Append('\n').Append('\n');
        for (var c = 0; c < ClassCount; c++)
        {
            builder.Append(ClassNames[c].PadLeft(width)).Append(F(Precision(c))).Append(F(Recall(c))).Append(F(F1(c)))
                .Append(Support(c).ToString(CultureInfo.InvariantCulture).PadLeft(10)).Append('\n');
        }
        var total = Total;
        builder.Append('\n');
        builder.Append("accuracy".PadLeft(width)).Append(new string(' ', 20)).Append(F(Accuracy))
            .Append(total.ToString(CultureInfo.InvariantCulture).PadLeft(10)).Append('\n');
        var classes = Enumerable.Range(0, ClassCount).ToArray();
        builder.Append("macro avg".PadLeft(width)).Append(F(classes.Average(Precision))).Append(F(classes.Average(Recall)))
            .Append(F(classes.Average(F1))).Append(total.ToString(CultureInfo.InvariantCulture).PadLeft(10)).Append('\n');
        double Weighted(Func<int, double> metric) => total == 0 ? 0 : classes.Sum(c => metric(c) * Support(c)) / total;
        builder.Append("weighted avg".PadLeft(width)).Append(F(Weighted(Precision))).Append(F(Weighted(Recall)))
            .Append(F(Weighted(F1))).Append(total.ToString(CultureInfo.InvariantCulture).PadLeft(10)).Append('\n');
        return builder.ToString();
    }

    /// <summary>The counts as a table with true classes down the side and predictions across the top.</summary>
    public override string ToString()
    {
        var nameWidth = Math.Max("true \\ predicted".Length, ClassNames.Max(n => n.Length));
        var cellWidth = Math.Max(ClassNames.Max(n => n.Length), Total.ToString(CultureInfo.InvariantCulture).Length) + 2;
        var builder = new StringBuilder();
        builder.Append("true \\ predicted".PadRight(nameWidth));
        foreach (var name in ClassNames) builder.Append(name.PadLeft(cellWidth));
        builder.Append('\n');
        for (var t = 0; t < ClassCount; t++)
        {
            builder.Append(ClassNames[t].PadRight(nameWidth));
            for (var p = 0; p < ClassCount; p++) builder.Append(_counts[t, p].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
            builder.Append('\n');
        }
        return builder.ToString();
    }

    private int Check(int c)
    {
        if (c < 0 || c >= ClassCount) throw new ArgumentOutOfRangeException(nameof(c), $"ConfusionMatrix: class {c} does not exist; classes are 0..{ClassCount - 1}.");
        return c;
    }

    private int RowSum(int c)
    {
        var sum = 0;
        for (var p = 0; p < ClassCount; p++) sum += _counts[c, p];
        return sum;
    }

    private int ColumnSum(int c)
    {
        var sum = 0;
        for (var t = 0; t < ClassCount; t++) sum += _counts[t, c];
        return sum;
    }

    /// <summary>
    /// The matrix as notebook HTML: the counts (rows are the true classes, columns the predicted ones, the
    /// diagonal of correct answers in bold, the accuracy below), then precision, recall, F1 and support per
    /// class (scikit-learn's classification report as a table).
    /// </summary>
    public string ToHtml()
    {
        var rows = new List<IReadOnlyList<string>>();
        for (var c = 0; c < ClassCount; c++)
        {
            rows.Add([ClassNames[c], NumberText.Short(Precision(c)), NumberText.Short(Recall(c)), NumberText.Short(F1(c)),
                Support(c).ToString(CultureInfo.InvariantCulture)]);
        }
        var report = Html.Table(["class", "precision", "recall", "f1-score", "support"], rows,
            caption: "macro F1 " + NumberText.Short(MacroF1), shortenRows: false, leftColumns: 1);
        return "<div class=\"nc-confusion-report\" style=\"display:flex;gap:24px;align-items:flex-start\">" + CountsHtml() + report + "</div>";
    }

    private string CountsHtml()
    {
        long correct = 0;
        var html = new StringBuilder("<div class=\"nc-confusion\"><table style=\"").Append(Html.TableStyle).Append("\"><thead><tr>")
            .Append("<th style=\"").Append(Html.HeadStyle).Append("\">true \\ predicted</th>");
        foreach (var name in ClassNames) html.Append("<th style=\"").Append(Html.HeadStyle).Append("\">").Append(Html.Escape(name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < ClassCount; i++)
        {
            html.Append("<tr><th style=\"").Append(Html.HeadStyle).Append("\">").Append(Html.Escape(ClassNames[i])).Append("</th>");
            for (var j = 0; j < ClassCount; j++)
            {
                if (i == j) correct += _counts[i, j];
                var value = _counts[i, j].ToString(CultureInfo.InvariantCulture);
                html.Append("<td style=\"").Append(Html.CellStyle).Append("\">").Append(i == j ? "<b>" + value + "</b>" : value).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        html.Append(Html.Caption(Total == 0 ? "no samples" : "accuracy " + NumberText.Short((double)correct / Total) + $" ({correct} of {Total})"));
        return html.Append("</div>").ToString();
    }
}
