using System.Linq.Expressions;
using Symbolic.Tests.Dense;
using Symbolic.Tests.Support;

namespace Symbolic.Tests.Pipeline;

/// <summary>
/// Every gradient output comes from the one pass list: recognised products appear in <c>Grad</c>,
/// <c>GradientExpression</c> and the C# source as calls into Symbolic's public (hidden) runtime, and the forms
/// that compiled code uses (Math.SinCos) are read back, so <c>Jacobian(Grad(f))</c> keeps working.
/// </summary>
public class WhatPrintsIsWhatRunsTests
{
    private static readonly Expression<Func<double[], double[][], double>> Layer = new DenseModel(Inputs: 5, Hidden: 3, Activation: 2).ToLambda();

    [Fact]
    public void The_printed_and_inspected_gradients_of_a_dense_layer_call_the_kernels()
    {
        Assert.True(KernelCalls.In(Layer.GradientExpression()));
        Assert.True(KernelCalls.In(Layer.Grad()));
        Assert.Matches(@"global::Symbolic\.\w+\.DenseRuntime\.Multiply\(", Layer.ToCSharpGradient());
    }

    [Fact]
    public void Reading_back_a_gradient_that_calls_the_kernels_says_why_it_cannot()
    {
        var error = Assert.Throws<NotSupportedException>(() => Layer.Grad().ToMathString());

        Assert.Contains("matrix kernels", error.Message);
        Assert.Contains("DenseRuntime", error.Message);
    }

    [Fact]
    public void Grad_computes_sin_and_cos_together_and_its_Jacobian_reads_them_back()
    {
        Expression<Func<double[], double>> f = x => Math.Sin(x[0]) * Math.Cos(x[0]) + x[1] * x[1];
        var gradient = f.Grad();
        Assert.Contains("Math.SinCos(", gradient.ToCSharp());

        double[] point = [0.7, -1.3];
        var hessian = gradient.Jacobian().Compile()(point);

        // f = sin(2x₀)/2 + x₁²: ∂²f/∂x₀² = −2 sin(2x₀), ∂²f/∂x₁² = 2.
        Assert.Equal(-2 * Math.Sin(2 * point[0]), hessian[0, 0], 1e-12);
        Assert.Equal(2.0, hessian[1, 1], 1e-12);
        Assert.Equal(0.0, hessian[0, 1], 1e-12);
        Assert.Equal(0.0, hessian[1, 0], 1e-12);
    }

    [Fact]
    public void The_C_sharp_source_of_a_dense_layer_runs_what_CompileGradient_runs()
    {
        var random = new Random(7);
        var p = Enumerable.Range(0, 5 * 3 + 2 * 3 + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var rows = Enumerable.Range(0, 9).Select(_ => Enumerable.Range(0, 6).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var (expected, actual) = (new double[p.Length], new double[p.Length]);

        var value = Layer.CompileGradient()(p, rows, expected);
        var method = RoslynMethods.Compile(Layer.ToCSharpGradient("Layer"))["Layer"];

        Assert.Equal(value, (double)method.Invoke(null, [p, rows, actual])!);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_vectorised_row_over_two_data_parameters_gives_the_same_bits_from_every_output()
    {
        // log Σⱼ exp(w[j] + x[j]) - y over rows whose length is read at run time: the cost rule runs the row of
        // exponentials as a row map and TensorPrimitives.Sum, whose order of additions differs from a loop's.
        Expression<Func<double[], double[][], double[], double>> f = (w, X, y) => Enumerable.Range(0, X.Length).Sum(i =>
            Math.Pow(Math.Log(Enumerable.Range(0, X[i].Length).Sum(j => Math.Exp(w[j] * X[i][j]))) - y[i], 2));
        var random = new Random(11);
        var w = Enumerable.Range(0, 24).Select(_ => random.NextDouble() - 0.5).ToArray();
        var X = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, 24).Select(_ => 2 * random.NextDouble() - 1).ToArray()).ToArray();
        var y = Enumerable.Range(0, 7).Select(_ => random.NextDouble()).ToArray();
        Assert.True(KernelCalls.RowSum(f.GradientExpression()));

        var (compiled, inspected, source) = (new double[w.Length], new double[w.Length], new double[w.Length]);
        var value = f.CompileGradient()(w, X, y, compiled);
        var inspectedValue = f.GradientExpression().Compile()(w, X, y, inspected);
        var sourceValue = (double)RoslynMethods.Compile(f.ToCSharpGradient("Softmax"))["Softmax"].Invoke(null, [w, X, y, source])!;
        var grad = f.Grad().Compile()(w, X, y);

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(inspectedValue));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(sourceValue));
        foreach (var other in new[] { inspected, source, grad })
            Assert.Equal(compiled.Select(BitConverter.DoubleToInt64Bits), other.Select(BitConverter.DoubleToInt64Bits));

        // And right: central differences of the model itself (LINQ's own evaluation).
        var model = f.Compile();
        for (var k = 0; k < w.Length; k++)
        {
            const double h = 1e-6;
            var (plus, minus) = ((double[])w.Clone(), (double[])w.Clone());
            plus[k] += h;
            minus[k] -= h;
            Assert.Equal((model(plus, X, y) - model(minus, X, y)) / (2 * h), compiled[k], 1e-6);
        }
    }
}
