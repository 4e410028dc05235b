namespace Symbolic.Optimization;

/// <summary>The function being minimised, counting its evaluations.</summary>
internal sealed class Objective(GradientFunc function)
{
    public int Evaluations { get; private set; }

    /// <summary>Writes ∇f(x) into <paramref name="gradient"/> and returns f(x).</summary>
    public double Evaluate(double[] x, double[] gradient)
    {
        Evaluations++;
        return function(x, gradient);
    }
}
