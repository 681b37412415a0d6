namespace NotebookCourse.Data;

/// <summary>
/// Data divided into a training part and a test part (scikit-learn's train_test_split). Create it
/// with <see cref="Create"/> and take it apart in scikit-learn's order:
/// <c>var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Create(x, y, 0.2, seed: 42);</c>
/// </summary>
/// <param name="XTrain">Training inputs.</param>
/// <param name="XTest">Test inputs.</param>
/// <param name="YTrain">Training targets.</param>
/// <param name="YTest">Test targets.</param>
public sealed record TrainTestSplit(Tensor XTrain, Tensor XTest, Tensor YTrain, Tensor YTest)
{
    /// <summary>The original row numbers that went into the training part, in its order.</summary>
    public int[] TrainIndices { get; init; } = [];

    /// <summary>The original row numbers that went into the test part, in its order.</summary>
    public int[] TestIndices { get; init; } = [];

    /// <summary>
    /// Shuffles the rows of <paramref name="x"/> and <paramref name="y"/> together (with a seed, so
    /// the split is the same every run) and puts ceil(testFraction * n) of them in the test part.
    /// </summary>
    /// <param name="x">Inputs, one row per example.</param>
    /// <param name="y">Targets, one row per example: class indices [n] or one-hot [n, k] (or any values).</param>
    /// <param name="testFraction">The share of rows for the test part, between 0 and 1 (e.g. 0.2).</param>
    /// <param name="seed">Seed of the shuffle; null uses <see cref="Tensor.Generator"/>.</param>
    /// <param name="stratify">Keep each class's share the same in both parts (classes read from
    /// <paramref name="y"/>: its values when 1-D, the position of the largest value when 2-D).</param>
    /// <exception cref="ArgumentException">The row counts differ, or the fraction leaves a part empty.</exception>
    public static TrainTestSplit Create(Tensor x, Tensor y, double testFraction = 0.25, int? seed = null, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0 || x.Shape[0] != y.Shape[0])
        {
            throw new ArgumentException($"TrainTestSplit: x {Tensor.ShapeText(x.Shape)} and y {Tensor.ShapeText(y.Shape)} must have the same number of rows.");
        }
        var n = x.Shape[0];
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"TrainTestSplit: testFraction must be between 0 and 1 (exclusive); got {testFraction}.");
        }
        var testCount = (int)Math.Ceiling(testFraction * n);
        if (testCount >= n)
        {
            throw new ArgumentException($"TrainTestSplit: a test fraction of {testFraction} of {n} rows leaves no training rows.", nameof(testFraction));
        }
        var random = seed is int s ? new Random(s) : Tensor.Generator;
        var (train, test) = stratify
            ? StratifiedIndices(ClassesOf(y), testCount, random)
            : RandomIndices(n, testCount, random);
        return new TrainTestSplit(x.Detach().Rows(train), x.Detach().Rows(test), y.Detach().Rows(train), y.Detach().Rows(test))
        {
            TrainIndices = train,
            TestIndices = test,
        };
    }

    private static (int[] Train, int[] Test) RandomIndices(int n, int testCount, Random random)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        return (order[testCount..], order[..testCount]);
    }

    /// <summary>
    /// Gives each class a share of the test rows proportional to its size (largest remainders get
    /// the rows left over from rounding down), picks them at random, then shuffles both parts.
    /// </summary>
    private static (int[] Train, int[] Test) StratifiedIndices(int[] classes, int testCount, Random random)
    {
        var n = classes.Length;
        var groups = Enumerable.Range(0, n).GroupBy(i => classes[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var exact = groups.Select(g => (double)g.Length * testCount / n).ToArray();
        var share = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var leftOver = testCount - share.Sum();
        foreach (var g in Enumerable.Range(0, groups.Length).OrderByDescending(g => exact[g] - share[g]).ThenBy(g => g).Take(leftOver))
        {
            share[g]++;
        }
        var train = new List<int>();
        var test = new List<int>();
        for (var g = 0; g < groups.Length; g++)
        {
            var members = groups[g];
            random.Shuffle(members);
            test.AddRange(members[..share[g]]);
            train.AddRange(members[share[g]..]);
        }
        var trainArray = train.ToArray();
        var testArray = test.ToArray();
        random.Shuffle(trainArray);
        random.Shuffle(testArray);
        return (trainArray, testArray);
    }

    private static int[] ClassesOf(Tensor y)
    {
        if (y.Rank == 1) return OneHot.ToClassIndices(y);
        if (y.Rank == 2 && y.Shape[1] == 1) return OneHot.ToClassIndices(y.Reshape(-1));
        if (y.Rank == 2) return OneHot.Decode(y);
        throw new ArgumentException($"TrainTestSplit: stratify needs y as class indices [n] or one-hot [n, k]; got shape {Tensor.ShapeText(y.Shape)}.");
    }
}
