using System.Globalization;
using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Generators;

/// <summary>A random model and the random points where the properties look at it.</summary>
public sealed class GeneratedFunction(Term body, int arity, IReadOnlyList<double[]> points)
{
    /// <summary>
    /// Points closer than this to a kink (relative to the magnitude there) are skipped: the one-sided
    /// derivatives differ there, and the oracle and the library may rightly pick different sides.
    /// </summary>
    public const double KinkClearance = 1e-3;

    private readonly Lazy<LambdaExpression> _lambda = new(() => TermExpressions.ToLambda(body, arity));

    public Term Body => body;

    public int Arity => arity;

    public IReadOnlyList<double[]> Points => points;

    public LambdaExpression Lambda => _lambda.Value;

    /// <summary>The model as a function of one double (only when <see cref="Arity"/> is 1).</summary>
    public Expression<Func<double, double>> Univariate => (Expression<Func<double, double>>)Lambda;

    /// <summary>The sample points that are at least <see cref="KinkClearance"/> away from every kink.</summary>
    public IEnumerable<double[]> SmoothPoints => points.Where(p => DualInterpreter.Evaluate(Lambda, p).NearestKink >= KinkClearance);

    public GeneratedFunction With(Term newBody) => new(newBody, arity, points);

    public GeneratedFunction With(IReadOnlyList<double[]> newPoints) => new(body, arity, newPoints);

    public override string ToString() =>
        $"{Lambda} at {string.Join(" and ", points.Select(p => $"({string.Join(", ", p.Select(c => c.ToString("R", CultureInfo.InvariantCulture)))})"))}";
}
