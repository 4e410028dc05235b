using System.Linq.Expressions;

namespace Symbolic.Tests.Pipeline;

/// <summary>
/// A dense layer written in LINQ, at a given size: rows[n] holds an example's inputs then its target, and
/// loss = Σₙ (Σⱼ v[j]·act(Σₖ W[j, k]·rows[n][k] + b[j]) + c − rows[n][inputs])², the parameters laid out as
/// W (row-major), b, v, c. Sizes are written into the expression as constants (source output cannot hold
/// captured values).
/// </summary>
public sealed record DenseModel(int Inputs, int Hidden, int Activation)
{
    public int Parameters => Hidden * Inputs + 2 * Hidden + 1;

    public static readonly string[] Activations = ["tanh", "relu", "sigmoid"];

    public override string ToString() => $"{Inputs}-{Hidden}-1 {Activations[Activation]} layer";

    public Expression<Func<double[], double[][], double>> ToLambda()
    {
        int d = Inputs, h = Hidden, b = h * d, v = b + h, c = v + h;
        Expression<Func<double[], double[][], double>> template = (p, rows) => Enumerable.Range(0, rows.Length).Sum(n =>
            Math.Pow(Enumerable.Range(0, h).Sum(j => p[v + j] * Act(Enumerable.Range(0, d).Sum(k => p[j * d + k] * rows[n][k]) + p[b + j])) + p[c] - rows[n][d], 2));
        return (Expression<Func<double[], double[][], double>>)new Inliner(Activation).Visit(template);
    }

    /// <summary>A placeholder for the activation, replaced in the expression.</summary>
    private static double Act(double u) => u;

    /// <summary>Replaces captured sizes by constants and <see cref="Act"/> by the activation, written out.</summary>
    private sealed class Inliner(int activation) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node is { Expression: ConstantExpression closure, Member: System.Reflection.FieldInfo field } && field.FieldType == typeof(int)
                ? Expression.Constant(field.GetValue(closure.Value)) : base.VisitMember(node);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name != nameof(Act)) return base.VisitMethodCall(node);
            var u = Visit(node.Arguments[0]);
            return activation switch
            {
                0 => Expression.Call(typeof(Math).GetMethod(nameof(Math.Tanh))!, u),
                1 => Expression.Condition(Expression.GreaterThan(u, Expression.Constant(0.0)), u, Expression.Constant(0.0)),
                _ => Expression.Divide(Expression.Constant(1.0), Expression.Add(Expression.Constant(1.0),
                    Expression.Call(typeof(Math).GetMethod(nameof(Math.Exp))!, Expression.Negate(u)))),
            };
        }
    }
}
