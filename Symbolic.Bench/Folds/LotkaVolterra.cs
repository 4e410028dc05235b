namespace Symbolic.Bench.Folds;

/// <summary>
/// The Lotka–Volterra equations x′ = αx − βxy, y′ = δxy − γy (prey x, predators y) integrated by the classical
/// Runge–Kutta method over a fixed number of steps, hand-written: the forward simulation the fold benchmarks compare
/// a gradient against. Parameters packed as [α, β, δ, γ, x₀, y₀]; the loss is the squared distance of the final
/// state to a target, (x_T − x*)² + (y_T − y*)².
/// </summary>
/// <remarks>Also compiled into Symbolic.Tests, which checks the integration against the system's conserved quantity.</remarks>
public static class LotkaVolterra
{
    /// <summary>The classic parameters of the hare–lynx fits (α, β, δ, γ) and a starting population (x₀, y₀).</summary>
    public static double[] Point() => [0.55, 0.028, 0.024, 0.84, 30, 4];

    /// <summary>The final state after <paramref name="steps"/> Runge–Kutta steps of width <paramref name="dt"/>.</summary>
    public static (double X, double Y) Simulate(double[] p, int steps, double dt)
    {
        double alpha = p[0], beta = p[1], delta = p[2], gamma = p[3], x = p[4], y = p[5];
        for (var t = 0; t < steps; t++)
        {
            var (k1x, k1y) = (alpha * x - beta * x * y, delta * x * y - gamma * y);
            double x2 = x + 0.5 * dt * k1x, y2 = y + 0.5 * dt * k1y;
            var (k2x, k2y) = (alpha * x2 - beta * x2 * y2, delta * x2 * y2 - gamma * y2);
            double x3 = x + 0.5 * dt * k2x, y3 = y + 0.5 * dt * k2y;
            var (k3x, k3y) = (alpha * x3 - beta * x3 * y3, delta * x3 * y3 - gamma * y3);
            double x4 = x + dt * k3x, y4 = y + dt * k3y;
            var (k4x, k4y) = (alpha * x4 - beta * x4 * y4, delta * x4 * y4 - gamma * y4);
            x += dt / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
            y += dt / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
        }
        return (x, y);
    }

    /// <summary>(x_T − targetX)² + (y_T − targetY)².</summary>
    public static double Loss(double[] p, int steps, double dt, double targetX, double targetY)
    {
        var (x, y) = Simulate(p, steps, dt);
        return (x - targetX) * (x - targetX) + (y - targetY) * (y - targetY);
    }

    /// <summary>δx − γ ln x + βy − α ln y, constant along every exact solution.</summary>
    public static double Invariant(double[] p, double x, double y) => p[2] * x - p[3] * Math.Log(x) + p[1] * y - p[0] * Math.Log(y);
}
