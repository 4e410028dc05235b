using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Properties;

/// <summary>When finite differences are trusted, and how closely they must then agree.</summary>
public static class FiniteDifferenceChecks
{
    /// <summary>Only estimates whose own error estimate is below this (relative, at least absolute 1) are used.</summary>
    public const double ReliableError = 1e-7;

    /// <summary>A trusted estimate and a derivative agree to this (relative, at least absolute 1): a wrong rule is off by far more.</summary>
    public const double Agreement = 1e-5;

    /// <summary>
    /// Whether the estimate can be trusted: its stencil stays clear of kinks and jumps (a staircase
    /// such as floor(100·x) fools the extrapolation into a consistent, wrong slope), and its own
    /// error estimate is small.
    /// </summary>
    public static bool Trust(OracleEvaluation oracle, FiniteDifferenceEstimate numerical) =>
        oracle.StepToNearestKink > 2 * FiniteDifference.DefaultInitialStep && numerical.IsReliable(ReliableError);
}
