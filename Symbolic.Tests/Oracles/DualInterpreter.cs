using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Tests.Oracles;

/// <summary>
/// Evaluates an original LINQ expression tree over hyper-dual numbers, by walking its nodes: the
/// test suite's reference for first and second derivatives. It shares nothing with the library — no
/// lowering, no rule table — only calculus and <see cref="Math"/>. Along the way it measures how close
/// the point is to a kink or jump (abs, sign, rounding, max/min, comparisons, atan2's branch cut), so
/// that callers can stay where every correct derivative agrees, and records on which side of each it
/// is, so that callers can tell whether two points lie on the same smooth piece.
/// </summary>
public sealed class DualInterpreter
{
    private static readonly MethodInfo MathSign = typeof(Math).GetMethod(nameof(Math.Sign), [typeof(double)])!;

    private readonly IReadOnlyDictionary<ParameterExpression, TrackedDual> _arguments;

    private DualInterpreter(IReadOnlyDictionary<ParameterExpression, TrackedDual> arguments) => _arguments = arguments;

    // Distance from the nearest kink met on the evaluated path, relative to the magnitude there, and the side of each.
    private double _nearestKink = double.PositiveInfinity;
    private readonly List<double> _sides = [];

    /// <summary>f at <paramref name="point"/>, with ε₁ seeded on parameter <paramref name="first"/> and ε₂ on <paramref name="second"/> (either may be absent).</summary>
    public static OracleEvaluation Evaluate(LambdaExpression f, IReadOnlyList<double> point, int? first = null, int? second = null)
    {
        if (point.Count != f.Parameters.Count) throw new ArgumentException($"{f} takes {f.Parameters.Count} arguments, the point has {point.Count}.", nameof(point));
        var arguments = f.Parameters.Select((p, i) => (p, TrackedDual.Variable(point[i], first == i, second == i))).ToDictionary(a => a.p, a => a.Item2);
        var interpreter = new DualInterpreter(arguments);
        var result = interpreter.Number(f.Body);
        return new OracleEvaluation(result, interpreter._nearestKink, interpreter._sides);
    }

    private TrackedDual Number(Expression e) => e switch
    {
        ParameterExpression p when _arguments.TryGetValue(p, out var argument) => argument,
        ConstantExpression { Value: double value } => TrackedDual.Constant(value),
        UnaryExpression { NodeType: ExpressionType.Negate or ExpressionType.NegateChecked } u => -Number(u.Operand),
        UnaryExpression { NodeType: ExpressionType.UnaryPlus } u => Number(u.Operand),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u when u.Operand.Type == typeof(double) => Number(u.Operand),
        BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.AddChecked } b => Number(b.Left) + Number(b.Right),
        BinaryExpression { NodeType: ExpressionType.Subtract or ExpressionType.SubtractChecked } b => Number(b.Left) - Number(b.Right),
        BinaryExpression { NodeType: ExpressionType.Multiply or ExpressionType.MultiplyChecked } b => Number(b.Left) * Number(b.Right),
        BinaryExpression { NodeType: ExpressionType.Divide } b => Number(b.Left) / Number(b.Right),
        ConditionalExpression c => Truth(c.Test) ? Number(c.IfTrue) : Number(c.IfFalse),
        MethodCallExpression call when call.Method.DeclaringType == typeof(Math) && call.Type == typeof(double) => MathCall(call.Method.Name, [.. call.Arguments.Select(Number)]),
        // An integer-valued sub-tree made a double ((double)Math.Sign(x)): piecewise constant, derivative zero.
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u => TrackedDual.Flat(Convert.ToDouble(Opaque(u.Operand), CultureInfo.InvariantCulture)),
        // Captured variables and fields: opaque leaves.
        _ when !ReadsAParameter(e) => TrackedDual.Flat(Convert.ToDouble(Opaque(e), CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"The oracle cannot differentiate {e} ({e.NodeType})."),
    };

    private TrackedDual MathCall(string name, TrackedDual[] a)
    {
        switch (name, a.Length)
        {
            // A constant exponent, or one that only moves with other parameters on a base the log rule cannot take.
            case (nameof(Math.Pow), 2) when !a[1].Varies || (a[1].Number.IsConstant && a[0].Number.Value <= 0):
                return a[0].Chain(Elementary.ConstantPower(a[0].Number.Value, a[1].Number.Value));
            case (nameof(Math.Pow), 2):
            {
                // u^v = exp(v·log u): the general case needs u > 0, which models with a varying exponent have.
                var (u, v) = (a[0].Number.Value, a[1].Number.Value);
                var (f, log) = (Math.Pow(u, v), Math.Log(u));
                var fu = v * Math.Pow(u, v - 1);
                return TrackedDual.Chain(a[0], a[1], f, fu, f * log, v * (v - 1) * Math.Pow(u, v - 2), Math.Pow(u, v - 1) * (1 + v * log), f * log * log);
            }
            case (nameof(Math.Atan2), 2):
            {
                var (y, x) = (a[0].Number.Value, a[1].Number.Value);
                if (x < 0) Kink(a[0].Varies, Math.Abs(y), a[0].Scale.Value, Side(y));   // the jump of 2π along the negative x axis
                var r2 = x * x + y * y;
                // The origin is singular even when neither argument moves: the library's partials are 0/0 there.
                Kink(true, Math.Sqrt(r2), 1, side: 0);
                var r4 = r2 * r2;
                return TrackedDual.Chain(a[0], a[1], Math.Atan2(y, x), x / r2, -y / r2, -2 * x * y / r4, (y * y - x * x) / r4, 2 * x * y / r4);
            }
            case (nameof(Math.Log), 2):
                return (Log(a[0]) / Log(a[1])).WithValue(Math.Log(a[0].Number.Value, a[1].Number.Value));
            case (nameof(Math.Max), 2):
                Between(a[0], a[1]);
                return (a[0].Number.Value >= a[1].Number.Value ? a[0] : a[1]).WithValue(Math.Max(a[0].Number.Value, a[1].Number.Value));
            case (nameof(Math.Min), 2):
                Between(a[0], a[1]);
                return (a[0].Number.Value <= a[1].Number.Value ? a[0] : a[1]).WithValue(Math.Min(a[0].Number.Value, a[1].Number.Value));
            case (_, 1):
                var x0 = a[0].Number.Value;
                switch (name)
                {
                    case nameof(Math.Abs): Kink(a[0].Varies, Math.Abs(x0), a[0].Scale.Value, Side(x0)); break;
                    case nameof(Math.Floor) or nameof(Math.Ceiling) or nameof(Math.Truncate):
                        var step = Elementary.At(name, x0).F;
                        Kink(a[0].Varies, Math.Abs(x0 - Math.Round(x0)), a[0].Scale.Value, step);
                        return TrackedDual.Flat(step);
                    case nameof(Math.Round):
                        var rounded = Math.Round(x0);
                        Kink(a[0].Varies, Math.Abs(x0 - Math.Floor(x0) - 0.5), a[0].Scale.Value, rounded);
                        return TrackedDual.Flat(rounded);
                }
                return a[0].Chain(Elementary.At(name, x0));
            default:
                throw new NotSupportedException($"The oracle does not know Math.{name} with {a.Length} arguments.");
        }
    }

    private static TrackedDual Log(TrackedDual x) => x.Chain(Elementary.At(nameof(Math.Log), x.Number.Value));

    private bool Truth(Expression e)
    {
        switch (e)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } b: return Truth(b.Left) && Truth(b.Right);
            case BinaryExpression { NodeType: ExpressionType.OrElse } b: return Truth(b.Left) || Truth(b.Right);
            case BinaryExpression { NodeType: ExpressionType.And } b: return Truth(b.Left) & Truth(b.Right);
            case BinaryExpression { NodeType: ExpressionType.Or } b: return Truth(b.Left) | Truth(b.Right);
            case UnaryExpression { NodeType: ExpressionType.Not } u: return !Truth(u.Operand);
            case BinaryExpression b when b.Left.Type == typeof(double) && b.Right.Type == typeof(double):
                var (left, right) = (Number(b.Left), Number(b.Right));
                var (l, r) = (left.Number.Value, right.Number.Value);
                Between(left, right);
                return b.NodeType switch
                {
                    ExpressionType.LessThan => l < r,
                    ExpressionType.LessThanOrEqual => l <= r,
                    ExpressionType.GreaterThan => l > r,
                    ExpressionType.GreaterThanOrEqual => l >= r,
                    ExpressionType.Equal => l == r,
                    ExpressionType.NotEqual => l != r,
                    _ => throw new NotSupportedException($"The oracle does not know the comparison {b.NodeType}."),
                };
            default:
                return (bool)Opaque(e)!;
        }
    }

    /// <summary>Sub-trees the oracle does not differentiate, evaluated by reflection (captured variables, fields, integer casts).</summary>
    private object? Opaque(Expression e)
    {
        switch (e)
        {
            case ConstantExpression c: return c.Value;
            case ParameterExpression p: return Number(p).Number.Value;
            case MemberExpression { Member: FieldInfo field } m: return field.GetValue(m.Expression is null ? null : Opaque(m.Expression));
            case MemberExpression { Member: PropertyInfo property } m: return property.GetValue(m.Expression is null ? null : Opaque(m.Expression));
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u:
                return Convert.ChangeType(Opaque(u.Operand), u.Type, CultureInfo.InvariantCulture);
            case MethodCallExpression call when call.Method == MathSign:
                var argument = Number(call.Arguments[0]);
                Kink(argument.Varies, Math.Abs(argument.Number.Value), argument.Scale.Value, Side(argument.Number.Value));
                return Math.Sign(argument.Number.Value);
            case MethodCallExpression call:
                return call.Method.Invoke(call.Object is null ? null : Opaque(call.Object), [.. call.Arguments.Select(Opaque)]);
            case { Type: var t } when t == typeof(double): return Number(e).Number.Value;
            case { Type: var t } when t == typeof(bool): return Truth(e);
            default: throw new NotSupportedException($"The oracle cannot evaluate {e} ({e.NodeType}).");
        }
    }

    /// <summary>The kink of a comparison, max or min: where the two sides are equal.</summary>
    private void Between(TrackedDual left, TrackedDual right) => Kink(
        left.Varies || right.Varies, Math.Abs(left.Number.Value - right.Number.Value), left.Scale.Value + right.Scale.Value, Side(left.Number.Value - right.Number.Value));

    private static double Side(double x) => x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : double.NaN;

    /// <summary>Records a kink <paramref name="distance"/> away, in a quantity of that magnitude, and the side the point is on.</summary>
    /// <param name="varies">Whether the quantity moves with the parameters: a locally constant one sits still on its side, no kink.</param>
    private void Kink(bool varies, double distance, double magnitude, double side)
    {
        _sides.Add(side);
        if (varies) _nearestKink = Math.Min(_nearestKink, distance / Math.Max(1, magnitude));
    }

    private static bool ReadsAParameter(Expression e) => new ParameterFinder().Finds(e);

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            Visit(e);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }
    }
}
