using System.Linq.Expressions;
using Symbolic.Tests.Backpropagation;

namespace Symbolic.Tests.Extensibility;

/// <summary>Users' methods inside models: derivatives from attributes, registries (global and scoped), and inlined definitions.</summary>
public class CustomRuleTests
{
    private static readonly double[] Points = [-2.5, -0.75, 0.0, 0.4, 1.9];

    [Fact]
    public void A_method_with_a_derivative_attribute_is_differentiated_through_its_partial()
    {
        Expression<Func<double, double>> f = x => UserFunctions.SoftClip(x) * x;

        var derivative = f.Diff().Compile();

        foreach (var x in Points)
            Assert.Equal(UserFunctions.SoftClipPrime(x) * x + Math.Tanh(x), derivative(x), 1e-15);
    }

    [Fact]
    public void An_attribute_names_one_partial_per_parameter()
    {
        Expression<Func<double[], double>> f = p => UserFunctions.Blend(p[0] * p[1], Math.Sin(p[1]));
        double[] point = [0.7, -1.3];

        var gradient = f.Grad().Compile()(point);

        var (u, v) = (point[0] * point[1], Math.Sin(point[1]));
        Close.Vectors([Math.Exp(v) * point[1], Math.Exp(v) * point[0] + u * Math.Exp(v) * Math.Cos(point[1])], gradient, relative: 1e-14);
    }

    [Fact]
    public void A_rule_defined_at_run_time_is_used_by_diff_grad_and_compile_gradient()
    {
        Calculus.Define(x => UserFunctions.Cube(x), x => 3 * x * x);
        Expression<Func<double[], double>> f = p => UserFunctions.Cube(p[0] - p[1]);
        double[] point = [1.5, 0.25];

        var gradient = new double[2];
        var value = f.CompileGradient()(point, gradient);

        Assert.Equal(Math.Pow(1.25, 3), value, 1e-15);
        Assert.Equal([3 * 1.25 * 1.25, -3 * 1.25 * 1.25], gradient);
        Assert.Equal(3 * 1.25 * 1.25, ((Expression<Func<double, double>>)(x => UserFunctions.Cube(x))).Diff().Compile()(1.25));
    }

    [Fact]
    public void A_two_argument_rule_gives_both_partials()
    {
        Calculus.Define((x, y) => UserFunctions.Glue(x, y), (x, y) => Math.Cos(x) * y, (x, y) => Math.Sin(x));
        Expression<Func<double[], double>> f = p => UserFunctions.Glue(p[0], p[1] * p[1]);
        double[] point = [0.3, -2.0];

        var gradient = f.Grad().Compile()(point);

        Close.Vectors([Math.Cos(0.3) * 4, Math.Sin(0.3) * 2 * -2.0], gradient, relative: 1e-15);
    }

    [Fact]
    public void Rules_chain_to_any_order_when_partials_use_functions_with_rules()
    {
        Expression<Func<double, double>> f = x => Functions.Sigmoid(x);

        var second = f.Diff().Diff().Compile();

        foreach (var x in Points)
        {
            var s = 1 / (1 + Math.Exp(-x));
            Assert.Equal(s * (1 - s) * (1 - 2 * s), second(x), 1e-15);
        }
    }

    [Fact]
    public void An_inlined_definition_replaces_the_call_so_the_method_never_runs()
    {
        var registry = new DerivativeRegistry();
        registry.DefineInline(x => UserFunctions.Layer(x), x => Math.Tanh(2 * x) + 0.5 * x);
        Expression<Func<double[], double>> f = p => UserFunctions.Layer(p[0]) * p[1];
        double[] point = [0.6, 1.7];

        var gradient = new double[2];
        var value = f.CompileGradient(registry)(point, gradient);

        Assert.Equal((Math.Tanh(1.2) + 0.3) * 1.7, value, 1e-15);
        Close.Vectors([(2 * (1 - Math.Tanh(1.2) * Math.Tanh(1.2)) + 0.5) * 1.7, Math.Tanh(1.2) + 0.3], gradient, relative: 1e-15);
    }

    [Fact]
    public void A_scoped_registry_overrides_a_rule_for_its_callers_only()
    {
        var correct = new DerivativeRegistry();
        correct.Define(x => UserFunctions.Scaled(x), x => 3.0);
        var wrong = new DerivativeRegistry();
        wrong.Define(x => UserFunctions.Scaled(x), x => 4.0);
        Expression<Func<double, double>> f = x => UserFunctions.Scaled(x) * x;

        Assert.Equal(2 * 3 * 2.0, f.Diff(correct).Compile()(2.0));
        Assert.Equal(3 * 2.0 + 4 * 2.0, f.Diff(wrong).Compile()(2.0));
        Assert.Throws<NotSupportedException>(() => f.Diff());
    }

    [Fact]
    public void Compiled_gradients_are_cached_per_registry()
    {
        var (a, b) = (new DerivativeRegistry(), new DerivativeRegistry());
        a.Define(x => UserFunctions.Registered(x), x => Math.Cosh(x));
        b.Define(x => UserFunctions.Registered(x), x => -Math.Cosh(x));
        Expression<Func<double[], double>> f = p => UserFunctions.Registered(p[0]);
        var (ga, gb) = (new double[1], new double[1]);

        f.CompileGradient(a)([0.5], ga);
        f.CompileGradient(b)([0.5], gb);

        Assert.Equal(Math.Cosh(0.5), ga[0]);
        Assert.Equal(-Math.Cosh(0.5), gb[0]);
        Assert.Same(f.CompileGradient(a), f.CompileGradient(a));
    }

    [Fact]
    public void Scoped_registries_used_from_several_threads_at_once_do_not_mix()
    {
        var registries = Enumerable.Range(1, 8).Select(k =>
        {
            var registry = new DerivativeRegistry();
            var slope = (double)k;
            registry.Define(x => UserFunctions.Undeclared(x), Expression.Lambda<Func<double, double>>(Expression.Constant(slope), Expression.Parameter(typeof(double), "x")));
            return (Slope: slope, Registry: registry);
        }).ToArray();

        var results = new double[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var (_, registry) = registries[i % registries.Length];
            Expression<Func<double, double>> f = x => UserFunctions.Undeclared(x) + x * i;
            results[i] = f.Diff(registry).Compile()(1.0);
        });

        for (var i = 0; i < results.Length; i++) Assert.Equal(registries[i % registries.Length].Slope + i, results[i]);
    }

    [Fact]
    public void A_method_without_a_rule_is_reported_at_the_call()
    {
        Expression<Func<double, double>> f = x => 1 + UserFunctions.Undeclared(x * x);

        var error = Assert.Throws<NotSupportedException>(() => f.Diff());

        Assert.Contains("Undeclared", error.Message);
    }

    [Fact]
    public void An_attribute_naming_a_missing_method_is_reported_at_the_call()
    {
        Expression<Func<double, double>> f = x => UserFunctions.Misdeclared(x);

        var error = Assert.Throws<NotSupportedException>(() => f.Diff());

        Assert.Contains("NoSuchMethod", error.Message);
        Assert.Contains("Misdeclared", error.Message);
    }

    [Fact]
    public void Define_needs_a_lambda_that_only_calls_the_method()
    {
        var registry = new DerivativeRegistry();

        Assert.Throws<ArgumentException>(() => registry.Define(x => UserFunctions.Cube(x) + 1, x => 3 * x * x));
        Assert.Throws<ArgumentException>(() => registry.Define(x => UserFunctions.Cube(2 * x), x => 3 * x * x));
        Assert.Throws<ArgumentNullException>(() => registry.Define(x => UserFunctions.Cube(x), null!));
    }

    [Fact]
    public void The_printed_derivative_names_the_functions()
    {
        Expression<Func<double, double>> f = x => Functions.Softplus(2 * x);

        Assert.Equal("2*Sigmoid(2*x)", f.Diff().ToMathString());
    }

    [Fact]
    public void A_method_defined_by_an_expression_property_is_inlined()
    {
        Expression<Func<double[], double>> f = w => UserFunctions.Neuron(w[0], 0.5) + UserFunctions.Neuron(w[1], w[0]);
        double[] point = [0.8, -1.1];

        var gradient = f.Grad().Compile()(point);

        static double Sech2(double z) => 1 - Math.Tanh(z) * Math.Tanh(z);
        Close.Vectors([0.5 * Sech2(0.4) + -1.1 * Sech2(-0.88), 0.8 * Sech2(-0.88)], gradient, relative: 1e-15);
    }

    [Fact]
    public void An_inline_definition_that_is_not_an_expression_is_reported_at_the_call()
    {
        Expression<Func<double, double>> f = x => UserFunctions.WronglyDefined(x);

        var error = Assert.Throws<NotSupportedException>(() => f.Diff());

        Assert.Contains("InlineDefinition", error.Message);
    }
}
