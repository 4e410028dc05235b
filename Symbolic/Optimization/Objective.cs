using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>
/// The function being minimised over vectors of doubles or floats, synchronous (<see cref="GradientFunc"/>,
/// <see cref="SingleGradientFunc"/>) or not (<see cref="IAsyncObjective"/>, doubles only),
/// counting its evaluations and observing the run's cancellation before each one. The optimisers' loops are
/// written once against it: for a <see cref="GradientFunc"/> every evaluation completes synchronously, so the
/// loops' state machines never suspend and allocate nothing.
/// </summary>
/// <remarks>
/// A cancelled run evaluates no more: an evaluation asked for after the token is cancelled (or one that the
/// asynchronous function ends with an <see cref="OperationCanceledException"/> for that token) returns NaN and
/// sets <see cref="Cancelled"/>; the loops treat it as a failed trial, and <see cref="Result"/> reports
/// <see cref="StopReason.Cancelled"/> with the last accepted point.
/// </remarks>
internal sealed class Objective<T> where T : IFloatingPointIeee754<T>
{
    private readonly Func<T[], T[], T>? _function;
    private readonly IAsyncObjective? _asyncFunction;
    private readonly CancellationToken _cancellationToken;

    public Objective(Func<T[], T[], T> function, CancellationToken cancellationToken) =>
        (_function, _cancellationToken) = (function, cancellationToken);

    /// <summary>An asynchronous objective, over doubles only (<typeparamref name="T"/> is double).</summary>
    public Objective(IAsyncObjective function, CancellationToken cancellationToken) =>
        (_asyncFunction, _cancellationToken) = (function, cancellationToken);

    public int Evaluations { get; private set; }

    /// <summary>Whether an evaluation was refused or abandoned because the run was cancelled.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>Writes ∇f(x) into <paramref name="gradient"/> and returns f(x); NaN once the run is cancelled.</summary>
    public ValueTask<double> EvaluateAsync(T[] x, T[] gradient)
    {
        if (Cancelled || _cancellationToken.IsCancellationRequested)
        {
            Cancelled = true;
            return new(double.NaN);
        }
        Evaluations++;
        return _function is { } function ? new(double.CreateTruncating(function(x, gradient))) : EvaluateAsynchronously((double[])(object)x, (double[])(object)gradient);
    }

    private async ValueTask<double> EvaluateAsynchronously(double[] x, double[] gradient)
    {
        try
        {
            return await _asyncFunction!.EvaluateAsync(x, gradient, _cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            Cancelled = true;
            return double.NaN;
        }
    }

    /// <summary>The run's result; its reason is <see cref="StopReason.Cancelled"/> whatever the loop saw, if an evaluation was cancelled.</summary>
    public OptimizationResult<T> Result(T[] x, double value, double gradientNorm, int iterations, StopReason reason) =>
        new(x, value, gradientNorm, iterations, Evaluations, Cancelled ? StopReason.Cancelled : reason);
}
