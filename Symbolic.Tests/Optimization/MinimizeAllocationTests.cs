using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

/// <summary>
/// The loops are written once for Minimize and MinimizeAsync; on a synchronous GradientFunc their state machines
/// must never suspend, so a run allocates its buffers once and nothing per iteration.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public class MinimizeAllocationTests
{
    /// <summary>f(x) = ½|x|² + Σ cos(xᵢ): smooth, never converging to the tolerance 0 in a fixed number of steps.</summary>
    private static double Bumpy(double[] x, double[] gradient)
    {
        var value = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            value += 0.5 * x[i] * x[i] + Math.Cos(3 * x[i]);
            gradient[i] = x[i] - 3 * Math.Sin(3 * x[i]);
        }
        return value;
    }

    public static TheoryData<string> Optimizers => ["Lbfgs", "GradientDescent", "Adam", "Momentum"];

    private static Optimizer Make(string name) => name switch
    {
        "Lbfgs" => new Lbfgs(),
        "GradientDescent" => new GradientDescent(),
        "Adam" => new Adam(new AdamOptions { Schedule = LearningRateSchedule.Cosine(100) }),
        "Momentum" => new Momentum(new MomentumOptions { LearningRate = 1e-3 }),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_synchronous_run_allocates_nothing_per_iteration(string optimizer)
    {
        // Gradient descent reaches Bumpy's minimum to precision within 20 iterations; Rosenbrock's valley keeps it going.
        var objective = optimizer == "GradientDescent" ? TestProblems.Rosenbrock.CompileGradient() : Bumpy;
        double[] start = optimizer == "GradientDescent" ? [-1.2, 1] : [2.0, -1.5, 0.5];
        long Allocated(int iterations)
        {
            var stopping = new StoppingCriteria { MaxIterations = iterations, GradientTolerance = 0 };
            var least = long.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var result = Make(optimizer).Minimize(objective, start, stopping);
                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
                Assert.Equal(iterations, result.Iterations);
            }
            return least;
        }
        Allocated(5);

        var (few, many) = (Allocated(5), Allocated(500));

        // The run is synchronous, so this thread's count is the run's own (the process-wide count includes tests
        // running in parallel); a little slack for the runtime's own lazy initialisation, none for one per iteration.
        Assert.True(many - few < 1_000, $"5 iterations allocated {few} bytes, 500 iterations {many}");
    }
}
