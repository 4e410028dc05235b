using System.Numerics;

namespace Symbolic.Optimization;

/// <summary>
/// L-BFGS's memory: the last m pairs sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ in a ring, and the two-loop
/// recursion that applies the inverse-Hessian approximation they define to a vector without forming it.
/// </summary>
internal sealed class CurvatureMemory
{
    private readonly double[][] _steps;
    private readonly double[][] _changes;
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private int _newest = -1;

    public CurvatureMemory(int capacity, int dimension)
    {
        _steps = new double[capacity][];
        _changes = new double[capacity][];
        for (var i = 0; i < capacity; i++) (_steps[i], _changes[i]) = (new double[dimension], new double[dimension]);
        (_rho, _alpha) = (new double[capacity], new double[capacity]);
    }

    public int Count { get; private set; }

    public void Clear() => (Count, _newest) = (0, -1);

    /// <summary>
    /// Stores the pair from <paramref name="from"/> to <paramref name="to"/> if it has positive curvature
    /// sᵀy &gt; 0 (otherwise the update would not be positive definite, and the pair is skipped).
    /// </summary>
    public bool TryAdd<T>(T[] from, T[] to, T[] gradientFrom, T[] gradientTo) where T : IFloatingPointIeee754<T>
    {
        var slot = (_newest + 1) % _steps.Length;
        var (s, y) = (_steps[slot], _changes[slot]);
        Vectors.SetDifference(s, to, from);
        Vectors.SetDifference(y, gradientTo, gradientFrom);
        var sy = Vectors.Dot(s, y);
        if (!(sy > 1e-300) || !(sy > 1e-12 * Vectors.Norm(s) * Vectors.Norm(y))) return false;
        _rho[slot] = 1 / sy;
        _newest = slot;
        Count = Math.Min(Count + 1, _steps.Length);
        return true;
    }

    /// <summary>direction = −H·gradient, H the L-BFGS inverse Hessian with H₀ = γI, γ = sᵀy / yᵀy of the newest pair.</summary>
    public void Direction<T>(T[] gradient, double[] direction) where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < gradient.Length; i++) direction[i] = -double.CreateTruncating(gradient[i]);
        if (Count == 0) return;
        var m = _steps.Length;
        for (var k = 0; k < Count; k++)
        {
            var slot = (_newest - k + m) % m;
            _alpha[slot] = _rho[slot] * Vectors.Dot(_steps[slot], direction);
            Vectors.AddScaled(direction, -_alpha[slot], _changes[slot]);
        }
        var newestChange = _changes[_newest];
        Vectors.Scale(direction, 1 / (_rho[_newest] * Vectors.Dot(newestChange, newestChange)));
        for (var k = Count - 1; k >= 0; k--)
        {
            var slot = (_newest - k + m) % m;
            var beta = _rho[slot] * Vectors.Dot(_changes[slot], direction);
            Vectors.AddScaled(direction, _alpha[slot] - beta, _steps[slot]);
        }
    }
}
