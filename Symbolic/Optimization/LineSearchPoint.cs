namespace Symbolic.Optimization;

/// <summary>A trial step along the search direction: φ(α) = f(x + α·d) and φ′(α) = ∇f(x + α·d)·d.</summary>
internal readonly record struct LineSearchPoint(double Alpha, double Value, double Slope);
