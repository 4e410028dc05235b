using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>
/// Minibatch stochastic gradient descent over a data array: every epoch shuffles the rows (a seeded
/// <see cref="Random"/>), cuts them into batches of <see cref="MinibatchOptions.BatchSize"/>, and takes
/// one step of a <see cref="StochasticOptimizer"/> (<see cref="Momentum"/>, <see cref="Adam"/>) per batch
/// on the model's gradient over that batch.
/// </summary>
/// <remarks>
/// <para>
/// The model is a compiled gradient over rows, e.g.
/// <c>((Expression&lt;Func&lt;double[], double[][], double&gt;&gt;)((w, rows) =&gt; rows.Average(r =&gt; …))).CompileGradient()</c>.
/// Write it as a mean (<c>Average</c>), so that the learning rate does not depend on the batch size.
/// </para>
/// <para>
/// An iteration is an epoch. Progress reports, and the tolerances of <see cref="StoppingCriteria"/>,
/// use the epoch's mean minibatch loss and the norm of its mean minibatch gradient; iteration 0 and the
/// result's value and gradient norm are evaluated on all rows. Time limits and cancellation are checked
/// after every batch. Runs are deterministic for a given seed.
/// </para>
/// </remarks>
public sealed partial class MinibatchSgd
{
    /// <summary>Creates the trainer.</summary>
    /// <param name="rule">The step rule applied to each minibatch gradient.</param>
    /// <param name="options">The batch size and shuffling seed; the defaults if null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MinibatchSgd(StochasticOptimizer rule, MinibatchOptions? options = null)
    {
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
        Options = options ?? new MinibatchOptions();
        Options.Validate();
    }

    /// <summary>The step rule applied to each minibatch gradient.</summary>
    public StochasticOptimizer Rule { get; }

    /// <summary>The batch size and shuffling seed.</summary>
    public MinibatchOptions Options { get; }

    /// <summary>Trains a model over one array of rows.</summary>
    /// <typeparam name="TRow">The type of a row (e.g. <c>double[]</c>, or a record holding features and label).</typeparam>
    /// <param name="model">The model's compiled gradient over a batch of rows (a mean over the rows).</param>
    /// <param name="data">The rows (not modified; shuffled through an index permutation).</param>
    /// <param name="start">The initial parameters (not modified).</param>
    /// <param name="stopping">When to stop (an iteration is an epoch); <see cref="StoppingCriteria.Default"/> if null.</param>
    /// <param name="progress">Receives one report per epoch, synchronously.</param>
    /// <param name="cancellationToken">Stops the run after the current batch (no exception).</param>
    /// <returns>The trained parameters, with the loss and gradient norm over all rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty.</exception>
    public OptimizationResult Minimize<TRow>(
        GradientFunc<TRow[]> model, TRow[] data, double[] start, StoppingCriteria? stopping = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        return Optimizer.AsDouble(Train(new RowMinibatches<double, TRow>(model.Invoke, data, Options.BatchSize), nameof(data), start, stopping, progress, cancellationToken));
    }

    /// <summary>Trains a model over rows held in two parallel arrays, e.g. inputs and targets.</summary>
    /// <typeparam name="T1">The type of an input.</typeparam>
    /// <typeparam name="T2">The type of a target.</typeparam>
    /// <param name="model">The model's compiled gradient over a batch of rows, e.g. of <c>(w, xs, ys) =&gt; xs.Zip(ys, …).Average()</c>.</param>
    /// <param name="inputs">The inputs (not modified).</param>
    /// <param name="targets">The targets, one per input (not modified).</param>
    /// <param name="start">The initial parameters (not modified).</param>
    /// <param name="stopping">When to stop (an iteration is an epoch); <see cref="StoppingCriteria.Default"/> if null.</param>
    /// <param name="progress">Receives one report per epoch, synchronously.</param>
    /// <param name="cancellationToken">Stops the run after the current batch (no exception).</param>
    /// <returns>The trained parameters, with the loss and gradient norm over all rows.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The arrays are empty or differ in length.</exception>
    public OptimizationResult Minimize<T1, T2>(
        GradientFunc<T1[], T2[]> model, T1[] inputs, T2[] targets, double[] start, StoppingCriteria? stopping = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Length != targets.Length)
            throw new ArgumentException($"There are {inputs.Length} inputs but {targets.Length} targets; minibatches need one target per input.", nameof(targets));
        return Optimizer.AsDouble(Train(new PairMinibatches<double, T1, T2>(model.Invoke, inputs, targets, Options.BatchSize), nameof(inputs), start, stopping, progress, cancellationToken));
    }

    private OptimizationResult<T> Train<T>(
        MinibatchSource<T> source, string dataName, T[] start, StoppingCriteria? stopping, IProgress<OptimizationProgress>? progress, CancellationToken cancellationToken)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(start);
        if (source.Count == 0) throw new ArgumentException("There are no rows to train on.", dataName);
        var monitor = new ConvergenceMonitor(stopping, progress, cancellationToken);
        var (n, rows, batchSize) = (start.Length, source.Count, Options.BatchSize);
        var (w, epochStart, gradient, epochGradient) = ((T[])start.Clone(), new T[n], new T[n], new double[n]);
        // As in StochasticOptimizer: float parameters step in a double master copy; for doubles these are w and gradient.
        var (master, wideGradient) = (Vectors.Widened(w), Vectors.Widened(gradient));
        var stepper = Rule.NewStepper(n);
        var random = new Random(Options.Seed);
        var order = Enumerable.Range(0, rows).ToArray();
        var evaluations = 1;

        var value = source.EvaluateAll(w, gradient);
        var gradientNorm = Vectors.Norm(gradient);
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            return new(w, value, gradientNorm, 0, evaluations, StopReason.NotFinite);
        monitor.Report(0, value, gradientNorm, 0, w);
        var stop = monitor.AtStart(gradientNorm);
        var epoch = 0;
        while (stop is null)
        {
            random.Shuffle(order);
            Array.Copy(w, epochStart, n);
            Array.Clear(epochGradient);
            var lossSum = 0.0;
            for (var first = 0; first < rows && stop is null; first += batchSize)
            {
                var count = Math.Min(batchSize, rows - first);
                var loss = source.EvaluateBatch(w, order, first, count, gradient);
                evaluations++;
                if (!double.IsFinite(loss) || !double.IsFinite(Vectors.Norm(gradient)))
                {
                    Array.Copy(epochStart, w, n);
                    stop = StopReason.NotFinite;
                    break;
                }
                lossSum += loss * count;
                Vectors.AddScaled(epochGradient, count, gradient);
                if (!ReferenceEquals(wideGradient, gradient)) Vectors.Widen(gradient, wideGradient);
                stepper.Step(master, wideGradient);
                if (!ReferenceEquals(master, w)) Vectors.Narrow(master, w);
                stop = monitor.Interrupted();
            }
            if (stop is not null) break;

            epoch++;
            var meanLoss = lossSum / rows;
            var meanGradientNorm = Vectors.Norm(epochGradient) / rows;
            monitor.Report(epoch, meanLoss, meanGradientNorm, Vectors.Distance(w, epochStart), w);
            stop = monitor.After(epoch, value, meanLoss, meanGradientNorm);
            value = meanLoss;
        }
        value = source.EvaluateAll(w, gradient);
        evaluations++;
        return new(w, value, Vectors.Norm(gradient), epoch, evaluations, stop.Value);
    }
}
