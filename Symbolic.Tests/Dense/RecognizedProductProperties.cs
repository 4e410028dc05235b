using System.Linq.Expressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Symbolic.Diagnostics;

namespace Symbolic.Tests.Dense;

/// <summary>
/// Models whose sums are matrix products, compiled twice: with the products recognised (kernel calls
/// on materialised grids, the default of CompileGradient) and as the scalar loops they were written as.
/// Values and gradients must agree within round-off on random shapes, and the products must really run
/// on the kernel.
/// </summary>
public class RecognizedProductProperties
{
    /// <summary>A model template at random sizes: batch, inputs, hidden units, outputs; an activation; a seed for the numbers.</summary>
    public sealed record Shape(int Template, int Batch, int Inputs, int Hidden, int Outputs, int Activation, int Seed)
    {
        public override string ToString() => $"template {Template}, batch {Batch}, {Inputs}-{Hidden}-{Outputs}, activation {Activation}, seed {Seed}";
    }

    public static class Shapes
    {
        public static Arbitrary<Shape> Arbitrary() => Arb.From(
            from template in Gen.Choose(0, Templates.Count - 1)
            from batch in Gen.Choose(1, 7)
            from inputs in Gen.Choose(1, 9)
            from hidden in Gen.Choose(1, 6)
            from outputs in Gen.Choose(1, 4)
            from activation in Gen.Choose(0, 4)
            from seed in Gen.Choose(0, 1_000_000)
            select new Shape(template, batch, inputs, hidden, outputs, activation, seed));
    }

    [Property(MaxTest = 120, Arbitrary = [typeof(Shapes)])]
    public void A_recognised_model_agrees_with_its_scalar_loops(Shape shape)
    {
        var (model, parameters) = Templates[shape.Template](shape);
        var random = new Random(shape.Seed);
        double[][] Matrix(int rows, int columns) => [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => random.NextDouble() * 2 - 1).ToArray())];
        var (x, y) = (Matrix(shape.Batch, shape.Inputs), Matrix(shape.Batch, shape.Outputs));
        var p = Enumerable.Range(0, parameters).Select(_ => random.NextDouble() - 0.5).ToArray();

        var dense = Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[][], double[][], double[], double>>(Calculus.DefaultContext, model, recognizeProducts: true);
        var scalar = Symbolic.Pipeline.GradientOutputs.CompileableGradient<Func<double[], double[][], double[][], double[], double>>(Calculus.DefaultContext, model, recognizeProducts: false);
        Assert.True(KernelCalls.In(dense), $"no product recognised in {shape}");
        Assert.False(KernelCalls.In(scalar));

        var (gDense, gScalar) = (new double[parameters], new double[parameters]);
        var valueDense = dense.Compile()(p, x, y, gDense);
        var valueScalar = scalar.Compile()(p, x, y, gScalar);
        var scale = 1 + Math.Abs(valueScalar) + gScalar.Max(Math.Abs);
        Assert.True(Math.Abs(valueDense - valueScalar) <= 1e-12 * scale, $"value {valueDense:R} vs {valueScalar:R} for {shape}");
        for (var i = 0; i < parameters; i++)
            Assert.True(Math.Abs(gDense[i] - gScalar[i]) <= 1e-12 * scale, $"∂/∂p[{i}]: {gDense[i]:R} vs {gScalar[i]:R} for {shape}");
    }

    private delegate (Expression<Func<double[], double[][], double[][], double>> Model, int Parameters) Template(Shape shape);

    /// <summary>The activations a template's layers use: tanh, the logistic function, a square, a sine, ReLU (a conditional).</summary>
    private static Expression<Func<double, double>> Activation(int which) => which switch
    {
        0 => u => Math.Tanh(u),
        1 => u => 1 / (1 + Math.Exp(-u)),
        2 => u => u * u,
        3 => u => Math.Sin(u),
        _ => u => Functions.Relu(u),
    };

    private static Expression<Func<double[], double[][], double[][], double>> WithActivation(Expression<Func<double[], double[][], double[][], double>> model, int activation) =>
        (Expression<Func<double[], double[][], double[][], double>>)new ActivationInliner(Activation(activation)).Visit(model);

    /// <summary>Replaces calls of <see cref="Act"/> by the chosen activation, so one template serves all five.</summary>
    private sealed class ActivationInliner(Expression<Func<double, double>> activation) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.Name == nameof(Act) ? Substitution.Apply(activation, Visit(node.Arguments[0])) : base.VisitMethodCall(node);
    }

    private static double Act(double u) => u;

    private static readonly List<Template> Templates =
    [
        // A two-layer network with softmax cross-entropy, weights row-major (W1[j, k] at j·n + k).
        s =>
        {
            int n = s.Inputs, h = s.Hidden, m = s.Outputs, w2 = h * n, b1 = w2 + m * h, b2 = b1 + h;
            return (WithActivation((p, X, Y) => Enumerable.Range(0, X.Length).Sum(b =>
                Functions.LogSumExp(Enumerable.Range(0, m).Select(c => Enumerable.Range(0, h).Sum(j => p[w2 + c * h + j] * Act(Enumerable.Range(0, n).Sum(k => p[j * n + k] * X[b][k]) + p[b1 + j])) + p[b2 + c]))
                - Enumerable.Range(0, m).Sum(c => Y[b][c] * (Enumerable.Range(0, h).Sum(j => p[w2 + c * h + j] * Act(Enumerable.Range(0, n).Sum(k => p[j * n + k] * X[b][k]) + p[b1 + j])) + p[b2 + c]))), s.Activation), b2 + m);
        },
        // The same with both weight matrices stored transposed (W1[j, k] at k·h + j) and the data's factor first.
        s =>
        {
            int n = s.Inputs, h = s.Hidden, m = s.Outputs, w2 = h * n, b1 = w2 + m * h, b2 = b1 + h;
            return (WithActivation((p, X, Y) => Enumerable.Range(0, X.Length).Sum(b =>
                Enumerable.Range(0, m).Sum(c => Math.Pow(Enumerable.Range(0, h).Sum(j => Act(Enumerable.Range(0, n).Sum(k => X[b][k] * p[k * h + j]) + p[b1 + j]) * p[w2 + j * m + c]) + p[b2 + c] - Y[b][c], 2))), s.Activation), b2 + m);
        },
        // Linear least squares with several outputs, the batch inside the product: Σ_c Σ_b (Σ_k W[c, k]·X[b, k] − Y[b, c])².
        s =>
        {
            int n = s.Inputs, m = s.Outputs;
            return (WithActivation((p, X, Y) => Enumerable.Range(0, m).Sum(c => Enumerable.Range(0, X.Length).Sum(b =>
                Math.Pow(Enumerable.Range(0, n).Sum(k => p[c * n + k] * X[b][k]) - Y[b][c], 2))), s.Activation), m * n);
        },
        // One example: a matrix–vector product W·x (the weights read in place), whose gradient is an outer product.
        s =>
        {
            int n = s.Inputs, m = s.Outputs;
            return (WithActivation((p, X, Y) => Enumerable.Range(0, m).Sum(c =>
                Act(Enumerable.Range(0, n).Sum(k => p[c * n + k] * X[0][k]) + p[m * n + c]) * Y[0][c]), s.Activation), m * n + m);
        },
        // A product of two parameter matrices with factors outside the sum and a factor of k alone (a diagonal):
        // Σ_i Σ_j act(u_i · Σ_k A[i, k]·d_k·B[j, k]).
        s =>
        {
            int n = s.Inputs, r = s.Hidden, q = s.Outputs, bOffset = r * n, dOffset = bOffset + q * n, uOffset = dOffset + n;
            return (WithActivation((p, X, Y) => Enumerable.Range(0, r).Sum(i => Enumerable.Range(0, q).Sum(j =>
                Act(p[uOffset + i] * Enumerable.Range(0, n).Sum(k => p[i * n + k] * p[dOffset + k] * p[bOffset + j * n + k])))), s.Activation), uOffset + r);
        },
    ];
}
