using System.Linq.Expressions;

namespace Symbolic.Tests.Oracles;

/// <summary>When finite differences are trusted, and how closely they must then agree.</summary>
public static class FiniteDifferenceChecks
{
    /// <summary>Only estimates whose own error estimate is below this (relative, at least absolute 1) are used.</summary>
    public const double ReliableError = 1e-7;

    /// <summary>A trusted estimate and a derivative agree to this (relative, at least absolute 1): a wrong rule is off by far more.</summary>
    public const double Agreement = 1e-5;

    // Points of the stencil's reach, either side, at which the oracle must see the same kink sides.
    private const int Probes = 8;

    /// <summary>
    /// Whether the estimate of ∂f/∂xᵢ can be trusted: its own error estimate is small, and its stencil
    /// stays on one smooth piece. (A staircase such as floor(100·x) fools the extrapolation into a
    /// consistent, wrong slope; a kink first-order distance estimates miss is a curving comparison.)
    /// </summary>
    public static bool Trust(LambdaExpression f, double[] point, int index, FiniteDifferenceEstimate numerical)
    {
        if (!numerical.IsReliable(ReliableError)) return false;
        var here = DualInterpreter.Evaluate(f, point);
        var moved = point.ToArray();
        for (var k = -Probes; k <= Probes; k++)
        {
            moved[index] = point[index] + k * FiniteDifference.DefaultInitialStep / Probes;
            if (!DualInterpreter.Evaluate(f, moved).SameSidesAs(here)) return false;
        }
        return true;
    }
}
