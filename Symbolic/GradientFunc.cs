namespace Symbolic;

/// <summary>
/// A compiled gradient: evaluates f at <paramref name="x"/>, writes ∇f(x) into
/// <paramref name="gradient"/> (same length as x; every entry is written) and returns f(x).
/// Allocates nothing.
/// </summary>
/// <param name="x">The point.</param>
/// <param name="gradient">The caller's buffer for ∇f(x), of length x.Length.</param>
/// <returns>f(x).</returns>
public delegate double GradientFunc(double[] x, double[] gradient);
