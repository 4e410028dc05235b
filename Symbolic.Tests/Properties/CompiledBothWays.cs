using System.Linq.Expressions;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Properties;

/// <summary>
/// A library result compiled by both LINQ back ends, <c>Compile()</c> and
/// <c>Compile(preferInterpretation: true)</c>: every value read through it is checked to be the same
/// from both (equal as doubles, or both NaN).
/// </summary>
public sealed class CompiledBothWays(LambdaExpression f)
{
    private readonly Func<double[], double> _compiled = Untyped(f.Compile());
    private readonly Func<double[], double> _interpreted = Untyped(f.Compile(preferInterpretation: true));

    public LambdaExpression Expression => f;

    public double At(double[] point)
    {
        var (compiled, interpreted) = (_compiled(point), _interpreted(point));
        Tolerance.AssertSame("Compile() and Compile(preferInterpretation: true) disagree", f, point, compiled, interpreted);
        return compiled;
    }

    /// <summary>Any Func of one to four doubles, as a function of a point.</summary>
    public static Func<double[], double> Untyped(Delegate d) => d switch
    {
        Func<double, double> f1 => p => f1(p[0]),
        Func<double, double, double> f2 => p => f2(p[0], p[1]),
        Func<double, double, double, double> f3 => p => f3(p[0], p[1], p[2]),
        Func<double, double, double, double, double> f4 => p => f4(p[0], p[1], p[2], p[3]),
        _ => throw new ArgumentException($"Expected a Func of one to four doubles, got {d.GetType()}.", nameof(d)),
    };
}
