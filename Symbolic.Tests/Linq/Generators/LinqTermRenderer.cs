using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Tests.Linq.Generators;

/// <summary>
/// Writes a <see cref="LinqTerm"/> as the expression tree the C# compiler would build for the same
/// lambda (LINQ methods taken from lambdas the compiler built), with every count chosen so that each
/// x[i + o] and data[i + o] is in bounds: Range(0, Math.Max(0, Math.Min(x.Length − kx, data.Length − kd))).
/// </summary>
public sealed class LinqTermRenderer
{
    private static readonly MethodInfo Range = MethodOf(() => Enumerable.Range(0, 1));
    private static readonly MethodInfo SumOfInts = MethodOf(() => Enumerable.Range(0, 1).Sum(i => 0.0));
    private static readonly MethodInfo AverageOfInts = MethodOf(() => Enumerable.Range(0, 1).Average(i => 0.0));
    private static readonly MethodInfo WhereOfInts = MethodOf(() => Enumerable.Range(0, 1).Where(i => true));
    private static readonly MethodInfo SelectWithIndex = MethodOf(() => Array.Empty<double>().Select((v, i) => v));
    private static readonly MethodInfo Zip = MethodOf(() => Array.Empty<double>().Zip(Array.Empty<double>(), (v, d) => v));
    private static readonly MethodInfo SumOfDoubles = MethodOf(() => Array.Empty<double>().Sum());
    private static readonly MethodInfo AverageOfDoubles = MethodOf(() => Array.Empty<double>().Average());
    private static readonly MethodInfo MaxOfInts = typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!;
    private static readonly MethodInfo MinOfInts = typeof(Math).GetMethod(nameof(Math.Min), [typeof(int), typeof(int)])!;

    private static MethodInfo MethodOf<T>(Expression<Func<T>> call) => ((MethodCallExpression)call.Body).Method;

    private readonly ParameterExpression _x = Expression.Parameter(typeof(double[]), "x");
    private readonly ParameterExpression _data = Expression.Parameter(typeof(double[]), "data");
    private readonly ParameterExpression? _scale;

    private LinqTermRenderer(ParameterExpression? scale) => _scale = scale;

    /// <summary>(x, data) =&gt; model: the gradient form.</summary>
    public static Expression<Func<double[], double[], double>> Model(LinqTerm term)
    {
        var renderer = new LinqTermRenderer(null);
        return Expression.Lambda<Func<double[], double[], double>>(renderer.Render(term, []), renderer._x, renderer._data);
    }

    /// <summary>(a, x, data) =&gt; model with every read of x multiplied by a: the scalar form, for Partial with respect to a.</summary>
    public static Expression<Func<double, double[], double[], double>> ScaledModel(LinqTerm term)
    {
        var renderer = new LinqTermRenderer(Expression.Parameter(typeof(double), "a"));
        return Expression.Lambda<Func<double, double[], double[], double>>(renderer.Render(term, []), renderer._scale!, renderer._x, renderer._data);
    }

    private sealed record Scope(SourceKind Kind, ParameterExpression? Index, ParameterExpression? Element, ParameterExpression? Datum);

    private Expression Scaled(Expression read) => _scale is null ? read : Expression.Multiply(read, _scale);

    private static Expression Plus(Expression index, int offset) => offset == 0 ? index : Expression.Add(index, Expression.Constant(offset));

    private Expression Render(LinqTerm term, IReadOnlyList<Scope> scopes) => term switch
    {
        ElementTerm e when scopes[e.Level].Element is { } v => Scaled(v),
        ElementTerm e => Scaled(Expression.ArrayIndex(_x, Plus(scopes[e.Level].Index!, e.Offset))),
        DataTerm d when scopes[d.Level].Datum is { } datum => datum,
        DataTerm d => Expression.ArrayIndex(_data, Plus(scopes[d.Level].Index!, d.Offset)),
        IndexTerm i => Expression.Convert(scopes[i.Level].Index!, typeof(double)),
        FixedTerm f => Scaled(Expression.ArrayIndex(_x, Expression.Constant(f.Index))),
        ConstantTerm c => Expression.Constant(c.Value),
        UnaryTerm u => Unary(u.Form, Render(u.Operand, scopes)),
        BinaryTerm b => Binary(b.Form, Render(b.Left, scopes), Render(b.Right, scopes)),
        SumTerm s => Sum(s, scopes),
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };

    private static Expression Unary(UnaryForm form, Expression t) => form switch
    {
        UnaryForm.Sin => Expression.Call(typeof(Math).GetMethod(nameof(Math.Sin))!, t),
        UnaryForm.Tanh => Expression.Call(typeof(Math).GetMethod(nameof(Math.Tanh))!, t),
        UnaryForm.Atan => Expression.Call(typeof(Math).GetMethod(nameof(Math.Atan))!, t),
        UnaryForm.Square => Expression.Multiply(t, t),
        UnaryForm.LogOnePlusSquare => Expression.Call(typeof(Math).GetMethod(nameof(Math.Log), [typeof(double)])!, Expression.Add(Expression.Constant(1.0), Expression.Multiply(t, t))),
        UnaryForm.SqrtOnePlusSquare => Expression.Call(typeof(Math).GetMethod(nameof(Math.Sqrt))!, Expression.Add(Expression.Constant(1.0), Expression.Multiply(t, t))),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    private static Expression Binary(BinaryForm form, Expression a, Expression b) => form switch
    {
        BinaryForm.Add => Expression.Add(a, b),
        BinaryForm.Subtract => Expression.Subtract(a, b),
        BinaryForm.Multiply => Expression.Multiply(a, b),
        BinaryForm.SafeDivide => Expression.Divide(a, Expression.Add(Expression.Constant(1.0), Expression.Multiply(b, b))),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    private Expression Sum(SumTerm s, IReadOnlyList<Scope> scopes)
    {
        var level = scopes.Count;
        var name = "ijklm"[level].ToString();
        switch (s.Source)
        {
            case SourceKind.SelectWithIndex:
            {
                var (v, i) = (Expression.Parameter(typeof(double), "v" + name), Expression.Parameter(typeof(int), name));
                var body = Render(s.Body, [.. scopes, new Scope(s.Source, i, v, null)]);
                var selected = Expression.Call(SelectWithIndex, _x, Expression.Lambda<Func<double, int, double>>(body, v, i));
                return Expression.Call(s.Average ? AverageOfDoubles : SumOfDoubles, selected);
            }
            case SourceKind.Zip:
            {
                var (v, d) = (Expression.Parameter(typeof(double), "v" + name), Expression.Parameter(typeof(double), "d" + name));
                var body = Render(s.Body, [.. scopes, new Scope(s.Source, null, v, d)]);
                var zipped = Expression.Call(Zip, _x, _data, Expression.Lambda<Func<double, double, double>>(body, v, d));
                return Expression.Call(s.Average ? AverageOfDoubles : SumOfDoubles, zipped);
            }
            default:
            {
                var i = Expression.Parameter(typeof(int), name);
                var body = Render(s.Body, [.. scopes, new Scope(s.Source, i, null, null)]);
                var source = s.Source switch
                {
                    SourceKind.Triangular => Expression.Call(Range, Expression.Constant(0), scopes[level - 1].Index!),
                    SourceKind.RangeFromOne => Expression.Call(Range, Expression.Constant(1), NonNegative(Expression.Subtract(Limit(s.Body, level, s.Source), Expression.Constant(1)))),
                    _ => Expression.Call(Range, Expression.Constant(0), NonNegative(Limit(s.Body, level, s.Source))),
                };
                source = s.Source switch
                {
                    SourceKind.WhereIndexIsEven => Expression.Call(WhereOfInts, source, Predicate(i => Expression.Equal(Expression.Modulo(i, Expression.Constant(2)), Expression.Constant(0)))),
                    SourceKind.WhereDataIsPositive => Expression.Call(WhereOfInts, source, Predicate(i => Expression.GreaterThan(Expression.ArrayIndex(_data, i), Expression.Constant(0.0)))),
                    _ => source,
                };
                return Expression.Call(s.Average ? AverageOfInts : SumOfInts, source, Expression.Lambda<Func<int, double>>(body, i));
            }
        }
    }

    private static LambdaExpression Predicate(Func<ParameterExpression, Expression> test)
    {
        var k = Expression.Parameter(typeof(int), "p");
        return Expression.Lambda<Func<int, bool>>(test(k), k);
    }

    private static Expression NonNegative(Expression count) => Expression.Call(MaxOfInts, Expression.Constant(0), count);

    /// <summary>x.Length − kx, and data.Length − kd when the level reads data (or filters on it).</summary>
    private Expression Limit(LinqTerm body, int level, SourceKind kind)
    {
        var (kx, kd) = (LinqTerms.MaxOffset(body, level, data: false), LinqTerms.MaxOffset(body, level, data: true));
        if (kind == SourceKind.WhereDataIsPositive) kd = Math.Max(kd, 0);
        Expression limit = Expression.Subtract(Expression.ArrayLength(_x), Expression.Constant(Math.Max(kx, 0)));
        return kd < 0 ? limit : Expression.Call(MinOfInts, limit, Expression.Subtract(Expression.ArrayLength(_data), Expression.Constant(kd)));
    }
}
