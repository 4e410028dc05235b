using System.Linq.Expressions;

namespace Symbolic.Bench.Folds;

/// <summary>The models of the fold benchmarks, written as LINQ <c>Aggregate</c> (the Symbolic side; hand-written baselines live beside them).</summary>
public static class FoldModels
{
    public const int Inputs = 8, Hidden = 32, Steps = 100, Sequences = 16;

    /// <summary>Offsets of W (hidden × hidden), U (hidden × inputs) and b (hidden) in the parameter vector.</summary>
    public const int UOffset = Hidden * Hidden, BOffset = UOffset + Hidden * Inputs, RnnParameters = BOffset + Hidden;

    /// <summary>
    /// An Elman network, h_t = tanh(W h_{t−1} + U u_t + b), over a batch of sequences; loss: the mean squared error of the last state
    /// against a target per sequence.
    /// </summary>
    public static readonly Expression<Func<double[], double[][][], double[][], double>> ElmanRnn = (w, sequences, targets) =>
        Enumerable.Range(0, Sequences).Sum(b => sequences[b].Aggregate(new double[Hidden],
            (h, u) => Enumerable.Range(0, Hidden).Select(j => Math.Tanh(w[BOffset + j]
                + Enumerable.Range(0, Hidden).Sum(k => w[Hidden * j + k] * h[k])
                + Enumerable.Range(0, Inputs).Sum(k => w[UOffset + Inputs * j + k] * u[k]))).ToArray(),
            h => Enumerable.Range(0, Hidden).Sum(k => (h[k] - targets[b][k]) * (h[k] - targets[b][k])))) / (Sequences * Hidden);

    /// <summary>
    /// <see cref="ElmanRnn"/> over however many sequences it is given (<c>Enumerable.Range(0, sequences.Length)</c>): the batch size
    /// is read when the model runs, so one compiled gradient serves every batch size.
    /// </summary>
    public static readonly Expression<Func<double[], double[][][], double[][], double>> ElmanRnnAnyBatch = (w, sequences, targets) =>
        Enumerable.Range(0, sequences.Length).Sum(b => sequences[b].Aggregate(new double[Hidden],
            (h, u) => Enumerable.Range(0, Hidden).Select(j => Math.Tanh(w[BOffset + j]
                + Enumerable.Range(0, Hidden).Sum(k => w[Hidden * j + k] * h[k])
                + Enumerable.Range(0, Inputs).Sum(k => w[UOffset + Inputs * j + k] * u[k]))).ToArray(),
            h => Enumerable.Range(0, Hidden).Sum(k => (h[k] - targets[b][k]) * (h[k] - targets[b][k])))) / (sequences.Length * Hidden);

    /// <summary>Random sequences and targets for <see cref="ElmanRnn"/> (fixed seed).</summary>
    public static (double[][][] Sequences, double[][] Targets, double[] Parameters) RnnData()
    {
        var random = new Random(14);
        var sequences = Enumerable.Range(0, Sequences).Select(_ => Enumerable.Range(0, Steps)
            .Select(_ => Enumerable.Range(0, Inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray()).ToArray();
        var targets = Enumerable.Range(0, Sequences).Select(_ => Enumerable.Range(0, Hidden).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        var parameters = Enumerable.Range(0, RnnParameters).Select(_ => (random.NextDouble() * 2 - 1) * 0.15).ToArray();
        return (sequences, targets, parameters);
    }

    public const int LotkaVolterraSteps = 1000;
    public const double LotkaVolterraStep = 0.01;

    /// <summary>
    /// Runge–Kutta 4 integration of Lotka–Volterra, x' = αx − βxy, y' = δxy − γy, over <see cref="LotkaVolterraSteps"/> steps:
    /// rates α, β, δ, γ at w[0..3], initial populations at w[4], w[5]; loss: squared distance of the final state to (1, 1).
    /// </summary>
    public static Expression<Func<double[], double>> LotkaVolterra()
    {
        var w = Expression.Parameter(typeof(double[]), "w");
        var s = Expression.Parameter(typeof(double[]), "s");
        var t = Expression.Parameter(typeof(int), "t");
        Expression W(int k) => Expression.ArrayIndex(w, Expression.Constant(k));
        Expression C(double c) => Expression.Constant(c);
        (Expression X, Expression Y) F(Expression x, Expression y) => (
            Expression.Subtract(Expression.Multiply(W(0), x), Expression.Multiply(Expression.Multiply(W(1), x), y)),
            Expression.Subtract(Expression.Multiply(Expression.Multiply(W(2), x), y), Expression.Multiply(W(3), y)));
        (Expression X, Expression Y) Move((Expression X, Expression Y) from, (Expression X, Expression Y) k, double by) =>
            (Expression.Add(from.X, Expression.Multiply(C(by), k.X)), Expression.Add(from.Y, Expression.Multiply(C(by), k.Y)));
        var h = LotkaVolterraStep;
        var state = (X: (Expression)Expression.ArrayIndex(s, C0()), Y: (Expression)Expression.ArrayIndex(s, Expression.Constant(1)));
        var k1 = F(state.X, state.Y);
        var k2 = F(Move(state, k1, h / 2).X, Move(state, k1, h / 2).Y);
        var k3 = F(Move(state, k2, h / 2).X, Move(state, k2, h / 2).Y);
        var k4 = F(Move(state, k3, h).X, Move(state, k3, h).Y);
        Expression Combine(Expression from, Expression a, Expression b, Expression c, Expression d) => Expression.Add(from, Expression.Multiply(C(h / 6),
            Expression.Add(Expression.Add(a, Expression.Multiply(C(2), b)), Expression.Add(Expression.Multiply(C(2), c), d))));
        var step = Expression.Lambda<Func<double[], int, double[]>>(Expression.NewArrayInit(typeof(double),
            Combine(state.X, k1.X, k2.X, k3.X, k4.X), Combine(state.Y, k1.Y, k2.Y, k3.Y, k4.Y)), s, t);
        var final = Expression.Parameter(typeof(double[]), "final");
        Expression Squared(int k) => Expression.Multiply(Expression.Subtract(Expression.ArrayIndex(final, Expression.Constant(k)), C(1)),
            Expression.Subtract(Expression.ArrayIndex(final, Expression.Constant(k)), C(1)));
        var loss = Expression.Lambda<Func<double[], double>>(Expression.Add(Squared(0), Squared(1)), final);
        var aggregate = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Aggregate) && m.GetParameters().Length == 4)
            .MakeGenericMethod(typeof(int), typeof(double[]), typeof(double));
        var range = Expression.Call(typeof(Enumerable).GetMethod(nameof(Enumerable.Range))!, Expression.Constant(0), Expression.Constant(LotkaVolterraSteps));
        return Expression.Lambda<Func<double[], double>>(Expression.Call(aggregate, range, Expression.NewArrayInit(typeof(double), W(4), W(5)), step, loss), w);

        static Expression C0() => Expression.Constant(0);
    }

    /// <summary>A scalar state over <paramref name="steps"/> steps: y' = −a y + sin(10⁻³ t), explicit Euler.</summary>
    public static Expression<Func<double[], double>> ScalarDecay(int steps) =>
        w => Enumerable.Range(0, steps).Aggregate(w[1], (y, t) => y + 1e-5 * (-w[0] * y + Math.Sin(1e-3 * t)));

    /// <summary>A 32-wide state over <paramref name="steps"/> steps, each component coupled to the next.</summary>
    public static Expression<Func<double[], double>> WideRing(int steps) =>
        w => Enumerable.Range(0, steps).Aggregate(new double[32],
            (h, t) => Enumerable.Range(0, 32).Select(j => 0.999 * h[j] + 1e-3 * Math.Tanh(w[j] * h[(j + 1) % 32] + Math.Sin(1e-3 * t))).ToArray(),
            h => h.Sum());
}
