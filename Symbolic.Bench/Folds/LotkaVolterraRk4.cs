using BenchmarkDotNet.Attributes;

namespace Symbolic.Bench.Folds;

/// <summary>
/// Issue 14's ODE figure: Runge–Kutta 4 integration of Lotka–Volterra over 1,000 steps (<see cref="LotkaVolterra"/>).
/// The baseline is the hand-written forward simulation alone; the Symbolic gradient with respect to the 4 rates and
/// the 2 initial values, of the same integration written as a LINQ <c>Aggregate</c>, is to be measured against it (≤ 4x).
/// </summary>
[MemoryDiagnoser]
public class LotkaVolterraRk4
{
    /// <summary>Steps of the integration.</summary>
    public const int Steps = 1000;

    /// <summary>Step width: 1,000 steps cover 10 time units, about one cycle of the populations.</summary>
    public const double Dt = 0.01;

    /// <summary>The target of the final state.</summary>
    public const double TargetX = 25, TargetY = 10;

    private readonly double[] _p = LotkaVolterra.Point();

    /// <summary>The loss of the final state, by the hand-written integration.</summary>
    [Benchmark(Baseline = true, Description = "Hand-written RK4, forward only")]
    public double HandWrittenSimulation() => LotkaVolterra.Loss(_p, Steps, Dt, TargetX, TargetY);
}
