using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Extensibility;

/// <summary>The rules of <see cref="Functions"/>: derivatives written with each other, so every order exists and stays stable.</summary>
internal static class BuiltInRules
{
    private static readonly Dictionary<MethodInfo, CallRule> Rules = new CallRule[]
    {
        Inline<Func<double, double>>(x => Functions.Sqr(x), x => x * x),
        Inline<Func<double, double>>(x => Functions.Relu(x), x => x > 0 ? x : 0),
        Inline<Func<double, double, double>>((x, slope) => Functions.LeakyRelu(x, slope), (x, slope) => x > 0 ? x : slope * x),
        Inline<Func<double, double, double>>((x, delta) => Functions.Huber(x, delta), (x, delta) => Math.Abs(x) <= delta ? 0.5 * x * x : delta * (Math.Abs(x) - 0.5 * delta)),
        Inline<Func<double[], double>>(v => Functions.LogSumExp(v), v => v.Max() + Math.Log(v.Sum(t => Math.Exp(t - v.Max())))),
        Inline<Func<IEnumerable<double>, double>>(v => Functions.LogSumExp(v), v => v.Max() + Math.Log(v.Sum(t => Math.Exp(t - v.Max())))),
        Differentiated(x => Functions.Sigmoid(x), x => Functions.Sigmoid(x) * Functions.Sigmoid(-x)),
        Differentiated(x => Functions.Softplus(x), x => Functions.Sigmoid(x)),
        Differentiated(x => Functions.LogSigmoid(x), x => Functions.Sigmoid(-x)),
        Differentiated(x => Functions.Log1p(x), x => 1 / (1 + x)),
        Differentiated(x => Functions.Expm1(x), x => Math.Exp(x)),
        Differentiated(x => Functions.Erf(x), x => 1.1283791670955126 * Math.Exp(-x * x)),
        Differentiated2((x, y) => Functions.Hypot(x, y),
            (x, y) => Functions.Hypot(x, y) == 0 ? 0 : x / Functions.Hypot(x, y),
            (x, y) => Functions.Hypot(x, y) == 0 ? 0 : y / Functions.Hypot(x, y)),
        // FunctionsF: the same rules in float (a float model's graph lowers them in float).
        Inline<Func<float, float>>(x => FunctionsF.Sqr(x), x => x * x),
        Inline<Func<float, float>>(x => FunctionsF.Relu(x), x => x > 0 ? x : 0),
        Inline<Func<float, float, float>>((x, slope) => FunctionsF.LeakyRelu(x, slope), (x, slope) => x > 0 ? x : slope * x),
        Inline<Func<float, float, float>>((x, delta) => FunctionsF.Huber(x, delta), (x, delta) => MathF.Abs(x) <= delta ? 0.5f * x * x : delta * (MathF.Abs(x) - 0.5f * delta)),
        Inline<Func<float[], float>>(v => FunctionsF.LogSumExp(v), v => v.Max() + MathF.Log(v.Sum(t => MathF.Exp(t - v.Max())))),
        Inline<Func<IEnumerable<float>, float>>(v => FunctionsF.LogSumExp(v), v => v.Max() + MathF.Log(v.Sum(t => MathF.Exp(t - v.Max())))),
        Single(x => FunctionsF.Sigmoid(x), x => FunctionsF.Sigmoid(x) * FunctionsF.Sigmoid(-x)),
        Single(x => FunctionsF.Softplus(x), x => FunctionsF.Sigmoid(x)),
        Single(x => FunctionsF.LogSigmoid(x), x => FunctionsF.Sigmoid(-x)),
        Single(x => FunctionsF.Log1p(x), x => 1 / (1 + x)),
        Single(x => FunctionsF.Expm1(x), x => MathF.Exp(x)),
        Single(x => FunctionsF.Erf(x), x => 1.1283791670955126f * MathF.Exp(-x * x)),
        Single2((x, y) => FunctionsF.Hypot(x, y),
            (x, y) => FunctionsF.Hypot(x, y) == 0 ? 0 : x / FunctionsF.Hypot(x, y),
            (x, y) => FunctionsF.Hypot(x, y) == 0 ? 0 : y / FunctionsF.Hypot(x, y)),
    }.ToDictionary(rule => rule.Method);

    public static CallRule? For(MethodInfo method) => Rules.GetValueOrDefault(method);

    private static InlinedCall Inline<TDelegate>(Expression<TDelegate> call, Expression<TDelegate> definition) =>
        new(((MethodCallExpression)call.Body).Method, definition);

    private static DifferentiatedCall Differentiated(Expression<Func<double, double>> call, Expression<Func<double, double>> derivative) =>
        new(((MethodCallExpression)call.Body).Method, [derivative], IsPure: true);

    private static DifferentiatedCall Differentiated2(Expression<Func<double, double, double>> call,
        Expression<Func<double, double, double>> first, Expression<Func<double, double, double>> second) =>
        new(((MethodCallExpression)call.Body).Method, [first, second], IsPure: true);

    private static DifferentiatedCall Single(Expression<Func<float, float>> call, Expression<Func<float, float>> derivative) =>
        new(((MethodCallExpression)call.Body).Method, [derivative], IsPure: true);

    private static DifferentiatedCall Single2(Expression<Func<float, float, float>> call,
        Expression<Func<float, float, float>> first, Expression<Func<float, float, float>> second) =>
        new(((MethodCallExpression)call.Body).Method, [first, second], IsPure: true);
}
