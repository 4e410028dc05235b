using System.Linq.Expressions;

namespace Symbolic.Tests.Models;

/// <summary>
/// A named optimisation test function: f as an expression tree, its gradient written by hand as plain C#
/// (independent of Symbolic), and the points it is usually evaluated at (the standard starting point first).
/// </summary>
/// <param name="Name">The name used in the literature.</param>
/// <param name="Function">f, indexing x with integer constants only.</param>
/// <param name="Gradient">∇f, derived by hand.</param>
/// <param name="Points">Test points; the first is the standard starting point.</param>
public sealed record TestFunction(
    string Name,
    Expression<Func<double[], double>> Function,
    Func<double[], double[]> Gradient,
    IReadOnlyList<double[]> Points)
{
    /// <summary>The number of variables.</summary>
    public int Dimension => Points[0].Length;

    /// <summary>For a least-squares problem f = Σ rᵢ², the residual vector r; null otherwise.</summary>
    public Residuals? Residuals { get; init; }

    public override string ToString() => Name;

    /// <summary>
    /// A least-squares problem f = Σ rᵢ(x)². Its hand-written gradient is 2·Jᵀr from the hand-written
    /// residuals and Jacobian. When <paramref name="function"/> is omitted, f is built from the residual
    /// expressions as Σ Math.Pow(rᵢ, 2).
    /// </summary>
    public static TestFunction LeastSquares(
        string name,
        Expression<Func<double[], double[]>> residuals,
        Func<double[], double[]> values,
        Func<double[], double[,]> jacobian,
        double[][] points,
        Expression<Func<double[], double>>? function = null)
    {
        var r = new Residuals(residuals, values, jacobian);
        return new TestFunction(name, function ?? ModelBuilder.SumOfSquares(residuals), r.GradientOfSumOfSquares, points) { Residuals = r };
    }
}

/// <summary>The residual vector of a least-squares problem: the expression, and its values and Jacobian written by hand.</summary>
/// <param name="Vector">x =&gt; new[] { r0, r1, ... }.</param>
/// <param name="Values">r(x), by hand.</param>
/// <param name="Jacobian">∂rᵢ/∂xⱼ, by hand: one row per residual, one column per variable.</param>
public sealed record Residuals(
    Expression<Func<double[], double[]>> Vector,
    Func<double[], double[]> Values,
    Func<double[], double[,]> Jacobian)
{
    /// <summary>∇ Σ rᵢ² = 2·Jᵀr.</summary>
    public double[] GradientOfSumOfSquares(double[] x)
    {
        var r = Values(x);
        var j = Jacobian(x);
        var gradient = new double[x.Length];
        for (var i = 0; i < r.Length; i++)
            for (var k = 0; k < x.Length; k++)
                gradient[k] += 2 * r[i] * j[i, k];
        return gradient;
    }
}
