using Symbolic.Optimization;

namespace Symbolic.Tests.Optimization;

/// <summary>Every optimiser by name, with options that make progress on Rosenbrock from (−1.2, 1): one list for the theories that run them all.</summary>
internal static class OptimizerCatalog
{
    public static TheoryData<string> Names => ["Lbfgs", "GradientDescent", "Adam", "Momentum"];

    public static Optimizer Make(string name) => name switch
    {
        "Lbfgs" => new Lbfgs(),
        "GradientDescent" => new GradientDescent(),
        "Adam" => new Adam(new AdamOptions { LearningRate = 0.02 }),
        "Momentum" => new Momentum(new MomentumOptions { LearningRate = 1e-4 }),
        _ => throw new ArgumentException(name),
    };
}
