using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Symbolic.Tests.Backpropagation;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Pipeline;

/// <summary>
/// What prints is what runs: for random models — dense layers written in LINQ, and scalar functions — the compiled
/// <c>Grad</c>, <c>GradientExpression</c>, the <c>ToCSharpGradient</c> source compiled by Roslyn and
/// <c>CompileGradient</c> return the same values and gradients bit for bit; and finite differences (an independent
/// oracle) agree with them.
/// </summary>
public class WhatPrintsIsWhatRunsProperties
{
    public sealed record DenseCase(DenseModel Model, int Batch, int Seed)
    {
        public override string ToString() => $"{Model}, batch {Batch}, seed {Seed}";

        public (double[] P, double[][] Rows) Data()
        {
            var random = new Random(Seed);
            var p = Enumerable.Range(0, Model.Parameters).Select(_ => random.NextDouble() - 0.5).ToArray();
            var rows = Enumerable.Range(0, Batch).Select(_ => Enumerable.Range(0, Model.Inputs + 1).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
            return (p, rows);
        }
    }

    public static class DenseCases
    {
        public static Arbitrary<DenseCase> Arbitrary() => Arb.From(
            from inputs in Gen.Choose(1, 8)
            from hidden in Gen.Choose(1, 6)
            from activation in Gen.Choose(0, DenseModel.Activations.Length - 1)
            from batch in Gen.Choose(1, 6)
            from seed in Gen.Choose(0, 1_000_000)
            select new DenseCase(new DenseModel(inputs, hidden, activation), batch, seed));
    }

    [Property(MaxTest = 20, Arbitrary = [typeof(DenseCases)])]
    public void A_dense_layer_gives_the_same_bits_from_every_output(DenseCase c)
    {
        var f = c.Model.ToLambda();
        var (p, rows) = c.Data();
        var n = p.Length;
        var (compiled, expression, source) = (new double[n], new double[n], new double[n]);

        var gradient = f.Grad().Compile()(p, rows);
        var value = f.CompileGradient()(p, rows, compiled);
        var expressionValue = f.GradientExpression().Compile()(p, rows, expression);
        var sourceValue = (double)RoslynMethods.Compile(f.ToCSharpGradient("Model"))["Model"].Invoke(null, [p, rows, source])!;

        SameBits([value], [expressionValue], $"value, GradientExpression, {c}");
        SameBits([value], [sourceValue], $"value, C# source, {c}");
        SameBits(compiled, gradient, $"Grad, {c}");
        SameBits(compiled, expression, $"GradientExpression, {c}");
        SameBits(compiled, source, $"C# source, {c}");
        var loss = f.Compile();
        AgreesWithFiniteDifferences(q => loss(q, rows), p, compiled, c.ToString());
    }

    [Property(MaxTest = 20)]
    public Property A_scalar_model_gives_the_same_bits_from_every_output() => Prop.ForAll(RandomFunctions.Cases, c =>
    {
        var f = c.Body.ToLambda();
        var n = c.Point.Length;
        var (compiled, expression, source) = (new double[n], new double[n], new double[n]);

        var gradient = f.Grad().Compile()(c.Point);
        var value = f.CompileGradient()(c.Point, compiled);
        var expressionValue = f.GradientExpression().Compile()(c.Point, expression);
        var sourceValue = (double)RoslynMethods.Compile(f.ToCSharpGradient("Model"))["Model"].Invoke(null, [c.Point, source])!;

        SameBits([value], [expressionValue], $"value, GradientExpression, {c}");
        SameBits([value], [sourceValue], $"value, C# source, {c}");
        SameBits(compiled, gradient, $"Grad, {c}");
        SameBits(compiled, expression, $"GradientExpression, {c}");
        SameBits(compiled, source, $"C# source, {c}");
        AgreesWithFiniteDifferences(f.Compile(), c.Point, compiled, c.ToString());
    });

    /// <summary>Equal bit for bit (any NaN equals any NaN: its payload is not a result).</summary>
    private static void SameBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            if (!(double.IsNaN(expected[i]) && double.IsNaN(actual[i])) && BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{what}: entry {i} is {actual[i]:R}, CompileGradient's {expected[i]:R}."));
    }

    private static void AgreesWithFiniteDifferences(Func<double[], double> f, double[] point, double[] gradient, string what)
    {
        var (estimate, error) = FiniteDifferences.JacobianWithError(x => [f(x)], point);
        for (var j = 0; j < point.Length; j++)
        {
            // Differences cannot see a kink (ReLU) or an oscillation inside their step: their own error estimate then says so.
            if (error[0, j] > 1e-3 * (Math.Abs(estimate[0, j]) + 1)) continue;
            var bound = 1e-6 * (Math.Abs(estimate[0, j]) + 1e-6) + 10 * error[0, j];
            Assert.True(Math.Abs(gradient[j] - estimate[0, j]) <= bound,
                string.Create(CultureInfo.InvariantCulture, $"∂f/∂x[{j}] of {what}: finite differences {estimate[0, j]:R} (±{error[0, j]:G3}), Symbolic {gradient[j]:R}."));
        }
    }
}
