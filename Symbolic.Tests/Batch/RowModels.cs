using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Tests.Batch;

/// <summary>
/// Row models Σᵢ loss(zᵢ, yᵢ) with zᵢ = Σⱼ w[j]·X[i, j] + w[d], d = w.Length − 1, over data in each
/// <see cref="RowLayout"/>: built as LINQ expression trees (the loss substituted into the row), plus the data.
/// </summary>
public static class RowModels
{
    /// <summary>The loss as a lambda of (z, y).</summary>
    public static Expression<Func<double, double, double>> Loss(RowLoss loss) => loss switch
    {
        RowLoss.Logistic => (z, y) => Math.Log(1 + Math.Exp(z)) - y * z,
        RowLoss.Poisson => (z, y) => Math.Exp(z) - y * z,
        RowLoss.Tanh => (z, y) => (Math.Tanh(z) - y) * (Math.Tanh(z) - y),
        RowLoss.Softplus => (z, y) => Math.Log(1 + Math.Exp(-(2 * y - 1) * z)),
        RowLoss.StableLogistic => (z, y) => (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y * z,
        RowLoss.Hinge => (z, y) => (2 * y - 1) * z < 1 ? 1 - (2 * y - 1) * z : 0,
        _ => (z, y) => Math.Abs(z - y) <= 1 ? 0.5 * (z - y) * (z - y) : Math.Abs(z - y) - 0.5,
    };

    /// <summary>The model over a flat (row-major, stride d), a 2-D or a jagged X.</summary>
    public static LambdaExpression Model(RowLayout layout, RowLoss loss) => Model(layout, Loss(loss));

    /// <summary>The model with any loss of (z, y).</summary>
    public static LambdaExpression Model(RowLayout layout, Expression<Func<double, double, double>> loss) => layout switch
    {
        RowLayout.Flat => Substitute((Expression<Func<double[], double[], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length).Sum(i => Row(
            Enumerable.Range(0, w.Length - 1).Sum(j => w[j] * X[i * (w.Length - 1) + j]) + w[w.Length - 1], y[i]))), loss),
        RowLayout.Matrix => Substitute((Expression<Func<double[], double[,], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length).Sum(i => Row(
            Enumerable.Range(0, w.Length - 1).Sum(j => w[j] * X[i, j]) + w[w.Length - 1], y[i]))), loss),
        _ => Substitute((Expression<Func<double[], double[][], double[], double>>)((w, X, y) => Enumerable.Range(0, y.Length).Sum(i => Row(
            Enumerable.Range(0, w.Length - 1).Sum(j => w[j] * X[i][j]) + w[w.Length - 1], y[i]))), loss),
    };

    /// <summary>X in <paramref name="layout"/> (entries uniform in [−1, 1)) and targets in {0, 1}, from <paramref name="seed"/>.</summary>
    public static (object X, double[] Y) Data(RowLayout layout, int rows, int features, int seed)
    {
        var random = new Random(seed);
        var values = new double[rows, features];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < features; j++) values[i, j] = 2 * random.NextDouble() - 1;
        var y = Enumerable.Range(0, rows).Select(_ => (double)random.Next(2)).ToArray();
        object X = layout switch
        {
            RowLayout.Flat => values.Cast<double>().ToArray(),
            RowLayout.Matrix => values,
            _ => Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, features).Select(j => values[i, j]).ToArray()).ToArray(),
        };
        return (X, y);
    }

    /// <summary>The placeholder the loss replaces.</summary>
    private static double Row(double z, double y) => throw new InvalidOperationException("A placeholder: substituted before use.");

    private static LambdaExpression Substitute(LambdaExpression template, LambdaExpression loss) =>
        Expression.Lambda(new RowSubstitution(loss).Visit(template.Body), template.Parameters);

    /// <summary>Replaces <see cref="Row"/>(z, y) by the loss's body with its parameters bound to z and y.</summary>
    private sealed class RowSubstitution(LambdaExpression loss) : ExpressionVisitor
    {
        private static readonly MethodInfo Placeholder = typeof(RowModels).GetMethod(nameof(Row), BindingFlags.NonPublic | BindingFlags.Static)!;
        private Dictionary<ParameterExpression, Expression> _bound = [];

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != Placeholder) return base.VisitMethodCall(node);
            var outer = _bound;
            _bound = new() { [loss.Parameters[0]] = Visit(node.Arguments[0]), [loss.Parameters[1]] = Visit(node.Arguments[1]) };
            var body = Visit(loss.Body);
            _bound = outer;
            return body;
        }

        protected override Expression VisitParameter(ParameterExpression node) => _bound.TryGetValue(node, out var value) ? value : node;
    }
}
