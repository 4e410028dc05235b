using System.Linq.Expressions;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Symbolic.Tests.Backpropagation;
using Symbolic.Tests.Linq.Generators;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Printing;

/// <summary>ToCSharp and ToCSharpGradient: the source compiles with Roslyn and computes what the compiled delegate does.</summary>
public class CSharpSourceTests
{
    [Fact]
    public void The_gradient_source_compiles_and_agrees_bit_for_bit_with_CompileGradient()
    {
        Expression<Func<double[], double>> f = x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2) + Math.Sin(x[2]) * Math.Cos(x[2]) + Functions.Softplus(x[2]);
        var method = RoslynMethods.Compile(f.ToCSharpGradient())["ValueAndGradient"];
        double[] point = [-1.2, 1.0, 0.3];

        var (expected, actual) = (new double[3], new double[3]);
        var expectedValue = f.CompileGradient()(point, expected);
        var actualValue = (double)method.Invoke(null, [point, actual])!;

        Assert.Equal(expectedValue, actualValue);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_source_is_readable_SSA_with_a_comment_per_gradient_entry()
    {
        Expression<Func<double[], double>> f = x => Math.Exp(x[0]) * x[1];

        var source = f.ToCSharpGradient("LossAndGradient");

        Assert.StartsWith("public static double LossAndGradient(double[] x, double[] gradient)", source);
        Assert.Contains("// ∂f/∂x[0]", source);
        Assert.Contains("// ∂f/∂x[1]", source);
        Assert.Matches(@"t\d+ = global::System\.Math\.Exp\((x\[0\]|t\d+)\);", source);
    }

    [Fact]
    public void Adjoints_of_intermediate_values_are_commented_with_their_primal()
    {
        Expression<Func<double[], double>> f = w => Math.Log(1 + Math.Exp(w[0] * 0.5 + w[1])) - 0.25 * (w[0] * 0.5 + w[1]) + Math.Tanh(w[0] * w[1]) * Math.Tanh(w[0] * w[1]);

        var source = f.ToCSharpGradient();

        Assert.Contains("// ∂f/∂(0.5*w[0] + w[1])", source);
        Assert.Contains("// ∂f/∂(w[0]*w[1])", source);
        Assert.Contains("// ∂f/∂w[0]", source);
        Assert.Matches(@"dL_dt\d+ = ", source);   // the adjoint of a primal held in a local is named after it
    }

    [Property(MaxTest = 40)]
    public Property The_source_of_a_random_model_compiles_and_agrees_with_the_compiled_gradient() => Prop.ForAll(RandomFunctions.Cases, c =>
    {
        var f = c.Body.ToLambda();
        var method = RoslynMethods.Compile(f.ToCSharpGradient())["ValueAndGradient"];
        var (expected, actual) = (new double[SmoothTerm.Variables], new double[SmoothTerm.Variables]);

        var expectedValue = f.GradientExpression().Compile()(c.Point, expected);
        var actualValue = (double)method.Invoke(null, [c.Point, actual])!;

        Assert.True(expectedValue.Equals(actualValue), $"{c}: value {actualValue:R} from the source, {expectedValue:R} compiled.");
        Assert.Equal(expected, actual);
    });

    [Fact]
    public void Forty_random_models_in_one_class_compile_and_agree_with_the_compiled_gradient()
    {
        var cases = RandomFunctions.Cases.Generator.Sample(size: 60, numberOfSamples: 40).ToList();
        var lambdas = cases.Select(c => c.Body.ToLambda()).ToList();
        var methods = RoslynMethods.Compile(string.Join("\n", lambdas.Select((f, k) => f.ToCSharpGradient($"Model{k}"))));

        for (var k = 0; k < cases.Count; k++)
        {
            var (expected, actual) = (new double[SmoothTerm.Variables], new double[SmoothTerm.Variables]);
            var expectedValue = lambdas[k].GradientExpression().Compile()(cases[k].Point, expected);
            var actualValue = (double)methods[$"Model{k}"].Invoke(null, [cases[k].Point, actual])!;
            Assert.True(expectedValue.Equals(actualValue), $"{cases[k]}: value {actualValue:R} from the source, {expectedValue:R} compiled.");
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>
    /// A regression found by the random models: an Average's emptiness check nested inside an arithmetic
    /// operand of a conditional branch was lifted before the conditional, so the source threw where the
    /// branch (an empty outer loop) is never taken.
    /// </summary>
    [Fact]
    public void A_check_inside_a_branch_operand_stays_in_the_branch()
    {
        Expression<Func<double[], double[], double>> f = (x, data) => x.Select((vi, i) => 1.22 * x.Zip(data, (vj, dj) => dj - dj).Average()).Sum();
        var method = RoslynMethods.Compile(f.ToCSharpGradient("Model"))["Model"];
        double[] x = [], data = [-1.46617];
        Assert.Equal(f.Compile()(x, data), (double)method.Invoke(null, [x, data, Array.Empty<double>()])!);
    }

    [Fact]
    public void Random_LINQ_models_with_loops_compile_and_agree()
    {
        var cases = LinqModelCase.Generator(maximumNesting: 2, nestedOnly: false).Sample(size: 60, numberOfSamples: 25).ToList();
        var methods = RoslynMethods.Compile(string.Join("\n", cases.Select((c, k) => c.Model.ToCSharpGradient($"Model{k}"))));

        for (var k = 0; k < cases.Count; k++)
        {
            var c = cases[k];
            var (expected, actual) = (new double[c.X.Length], new double[c.X.Length]);
            double? expectedValue = null, actualValue = null;
            Type? expectedError = null, actualError = null;
            try { expectedValue = c.Model.GradientExpression().Compile()(c.X, c.Data, expected); } catch (Exception e) { expectedError = e.GetType(); }
            try { actualValue = (double)methods[$"Model{k}"].Invoke(null, [c.X, c.Data, actual])!; } catch (TargetInvocationException e) { actualError = e.InnerException!.GetType(); }
            Assert.True(expectedError == actualError, $"{c}: the source throws {actualError?.Name ?? "nothing"}, the compiled gradient {expectedError?.Name ?? "nothing"}");
            Assert.Equal(expectedValue, actualValue);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Any_lambda_Symbolic_returns_can_be_written_as_a_method()
    {
        Expression<Func<double, double>> f = x => x > 0 ? Math.Log(1 + x * x) : Functions.Sigmoid(x) * x;
        var derivative = f.Diff();
        var method = RoslynMethods.Compile(derivative.ToCSharp("Derivative"))["Derivative"];

        foreach (var x in new[] { -2.0, -0.1, 0.0, 0.5, 3.0 })
            Assert.Equal(derivative.Compile()(x), (double)method.Invoke(null, [x])!);
    }

    [Fact]
    public void Captured_data_cannot_be_written_as_source()
    {
        var data = new[] { 1.0, 2.0 };
        Expression<Func<double[], double>> f = w => data.Sum(d => w[0] * d);

        var error = Assert.Throws<NotSupportedException>(() => f.ToCSharpGradient());

        Assert.Contains("parameter", error.Message);
    }

    [Fact]
    public void The_method_name_must_be_an_identifier()
    {
        Expression<Func<double[], double>> f = x => x[0];

        Assert.Throws<ArgumentException>(() => f.ToCSharpGradient("not valid"));
    }
}
