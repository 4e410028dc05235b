using System.Linq.Expressions;

namespace Symbolic.Bench.Batch;

/// <summary>
/// The batch models in LINQ, over each layout of <see cref="BatchRows"/>, the row count read from y. The
/// dimensions are written as captured variables and substituted as constants (<see cref="Constants"/>), as a
/// model written with literal or <c>const</c> dimensions has them.
/// </summary>
public static class BatchModels
{
    /// <summary><paramref name="model"/> with every captured <see cref="int"/> replaced by its value.</summary>
    public static Expression<T> Constants<T>(Expression<T> model) => (Expression<T>)new CapturedInts().Visit(model);

    private sealed class CapturedInts : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node is { Type: var t, Expression: ConstantExpression closure, Member: System.Reflection.FieldInfo field } && t == typeof(int)
                ? Expression.Constant(field.GetValue(closure.Value), typeof(int))
                : base.VisitMember(node);
    }

    /// <summary>Σᵢ log(1 + e^zᵢ) − yᵢ·zᵢ, zᵢ = Σⱼ w[j]·X[i·d + j] + w[d].</summary>
    public static Expression<Func<double[], double[], double[], double>> LogisticFlat(int d) => (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d])) - y[i] * (Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d]));

    /// <summary>The same over X[i, j].</summary>
    public static Expression<Func<double[], double[,], double[], double>> LogisticMatrix(int d) => (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, d).Sum(j => w[j] * X[i, j]) + w[d])) - y[i] * (Enumerable.Range(0, d).Sum(j => w[j] * X[i, j]) + w[d]));

    /// <summary>The same over X[i][j].</summary>
    public static Expression<Func<double[], double[][], double[], double>> LogisticJagged(int d) => (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(1 + Math.Exp(Enumerable.Range(0, d).Sum(j => w[j] * X[i][j]) + w[d])) - y[i] * (Enumerable.Range(0, d).Sum(j => w[j] * X[i][j]) + w[d]));

    /// <summary>
    /// Softmax regression, Σᵢ log Σₖ e^zᵢₖ − zᵢ,yᵢ with zᵢₖ = Σⱼ W[k·d + j]·X[i·d + j] + W[K·d + k] (W row-major
    /// K × d, then K biases), labels yᵢ in 0 … K − 1 as doubles.
    /// </summary>
    public static Expression<Func<double[], double[], double[], double>> Softmax(int d, int classes) => (W, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Log(Enumerable.Range(0, classes).Sum(k => Math.Exp(Enumerable.Range(0, d).Sum(j => W[k * d + j] * X[i * d + j]) + W[classes * d + k])))
        - Enumerable.Range(0, classes).Sum(k => y[i] == k ? Enumerable.Range(0, d).Sum(j => W[k * d + j] * X[i * d + j]) + W[classes * d + k] : 0));

    /// <summary>Huber regression (δ = 1): Σᵢ h(zᵢ − yᵢ), h(r) = r²/2 for |r| ≤ 1, |r| − ½ beyond.</summary>
    public static Expression<Func<double[], double[], double[], double>> Huber(int d) => (w, X, y) => Enumerable.Range(0, y.Length).Sum(i =>
        Math.Abs(Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d] - y[i]) <= 1
            ? 0.5 * (Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d] - y[i]) * (Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d] - y[i])
            : Math.Abs(Enumerable.Range(0, d).Sum(j => w[j] * X[i * d + j]) + w[d] - y[i]) - 0.5);
}
