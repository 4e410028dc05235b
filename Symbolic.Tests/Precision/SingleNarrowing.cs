using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Precision;

/// <summary>
/// The same model in both precisions, for the properties that compare them: <see cref="RoundConstants"/> keeps a
/// double model but rounds its constants (literals and captured values) to float, so that it is the exact function
/// the float model computes — the double oracle's input; <see cref="ToSingle"/> writes that model in float
/// (float parameters and literals, <see cref="MathF"/>), as a user would.
/// </summary>
public static class SingleNarrowing
{
    /// <summary>
    /// The double model with every literal and captured value rounded to the nearest float, and every sub-expression of
    /// literals and captured values only (<c>Math.Pow(Math.Pow(2.095, 3), 4)</c>, <c>Math.Tanh(Math.Pow(c, 3))</c>) replaced
    /// by its value computed in float: what the float model computes there (C# evaluates it at run time in float, and
    /// Symbolic folds literals with the same MathF calls), so the oracle differentiates the float model's function, not a
    /// nearby one (tanh(15.6) is 1 in float, not in double: a truncation of it would take the other branch).
    /// </summary>
    public static LambdaExpression RoundConstants(LambdaExpression f) => (LambdaExpression)new FloatFolder(foldCaptured: true).Visit(new ConstantRounder().Visit(f))!;

    /// <summary>The function of <see cref="RoundConstants"/>, written in float, its captured values read when it runs.</summary>
    public static LambdaExpression ToSingle(LambdaExpression f) =>
        (LambdaExpression)new Narrower().Visit(new FloatFolder(foldCaptured: false).Visit(new ConstantRounder().Visit(f)))!;

    /// <summary>
    /// The model's points rounded to float where the oracle can judge the float model: away from its kinks, and where the
    /// float model takes the oracle's branches (its value agrees with the oracle's). A comparison of two locally constant
    /// values can be decided by rounding alone: exp(sin(atan2(−0, −1.5))) is 1 − 10⁻¹⁶ in double and 1 + 10⁻⁷ in float
    /// (π rounds differently), so `≤ 1` is true in one and false in the other; the oracle sees no kink there (nothing moves).
    /// </summary>
    public static IEnumerable<double[]> ComparablePoints(GeneratedFunction f, LambdaExpression oracleModel)
    {
        var single = SingleTolerance.Untyped(ToSingle(f.Lambda).Compile());
        return f.Points.Select(Rounded).Where(point => IsComparable(single, oracleModel, point));
    }

    /// <summary>Whether <paramref name="point"/> is one of <see cref="ComparablePoints"/> for the float model <paramref name="single"/>.</summary>
    public static bool IsComparable(Func<double[], float> single, LambdaExpression oracleModel, double[] point)
    {
        var oracle = DualInterpreter.Evaluate(oracleModel, point);
        return oracle.NearestKink >= GeneratedFunction.KinkClearance && SingleTolerance.Agree(oracle.Result.Number.Value, single(point), oracle.Result.Scale.Value);
    }

    /// <summary>A point of float coordinates (each rounded to the nearest float).</summary>
    public static double[] Rounded(IReadOnlyList<double> point) => [.. point.Select(p => (double)(float)p)];

    private sealed class ConstantRounder : ExpressionVisitor
    {
        protected override Expression VisitConstant(ConstantExpression node) =>
            node.Value is double value ? Expression.Constant((double)(float)value) : node;

        protected override Expression VisitMember(MemberExpression node) =>
            node is { Expression: ConstantExpression { Value: CapturedValue captured } } ? CapturedValue.Read((float)captured.Value) : base.VisitMember(node);
    }

    /// <summary>Folds the sub-expressions that read no parameter (nor, unless <paramref name="foldCaptured"/>, a captured value).</summary>
    private sealed class FloatFolder(bool foldCaptured) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is null || node.Type != typeof(double) || node is ConstantExpression or MemberExpression || !IsConstant(node)) return base.Visit(node);
            var single = new Narrower().Visit(node);
            return Expression.Constant((double)Expression.Lambda<Func<float>>(single).Compile()());
        }

        // No parameter, and no captured value unless those fold too (a bare captured value stays a leaf either way).
        private bool IsConstant(Expression node)
        {
            var finder = new LeafFinder(foldCaptured);
            finder.Visit(node);
            return !finder.Found;
        }
    }

    private sealed class LeafFinder(bool capturedIsConstant) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found = true;
            return node;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (!capturedIsConstant || node is not { Expression: ConstantExpression { Value: CapturedValue } }) Found = true;
            return node;
        }
    }

    private sealed class Narrower : ExpressionVisitor
    {
        private readonly Dictionary<ParameterExpression, ParameterExpression> _parameters = [];

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            var parameters = node.Parameters.Select(p => (ParameterExpression)VisitParameter(p)).ToList();
            var body = Visit(node.Body);
            return Expression.Lambda(body, parameters);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node.Type != typeof(double)) return node;
            if (!_parameters.TryGetValue(node, out var single)) _parameters[node] = single = Expression.Parameter(typeof(float), node.Name);
            return single;
        }

        protected override Expression VisitConstant(ConstantExpression node) => node.Value is double value ? Expression.Constant((float)value) : node;

        // A captured double (already a float value): read as the data conversion a user writes, (float)closure.Value.
        protected override Expression VisitMember(MemberExpression node) => node.Type == typeof(double) ? Expression.Convert(node, typeof(float)) : base.VisitMember(node);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var arguments = node.Arguments.Select(Visit).ToArray();
            if (node.Method.DeclaringType == typeof(Math))
                return Expression.Call(typeof(MathF).GetMethod(node.Method.Name, [.. arguments.Select(a => a!.Type)])!, arguments!);
            if (node.Method.DeclaringType == typeof(SymbolicMath))
                return Expression.Call(typeof(SymbolicMath).GetMethod(node.Method.Name, [typeof(float)])!, arguments!);
            return node.Update(node.Object, arguments!);
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            var operand = Visit(node.Operand);
            return node.NodeType switch
            {
                ExpressionType.Convert when node.Type == typeof(double) => Expression.Convert(operand, typeof(float)),
                ExpressionType.Negate => Expression.Negate(operand),
                ExpressionType.Not => Expression.Not(operand),
                _ => throw new NotSupportedException($"The narrowing has no case for {node.NodeType}."),
            };
        }

        protected override Expression VisitBinary(BinaryExpression node) => Expression.MakeBinary(node.NodeType, Visit(node.Left), Visit(node.Right));

        protected override Expression VisitConditional(ConditionalExpression node) =>
            Expression.Condition(Visit(node.Test), Visit(node.IfTrue), Visit(node.IfFalse));
    }
}
