using System.Linq.Expressions;
using Symbolic;

// What works under NativeAOT: each step runs on its own, reports ok/FAIL, and the exit code counts failures.
var failures = 0;

void Step(string what, Func<(double Actual, double Expected)> run)
{
    try
    {
        var (actual, expected) = run();
        var ok = Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected));
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual:R} (expected {expected:R})");
        if (!ok) failures++;
    }
    catch (Exception e)
    {
        Console.WriteLine($"FAIL {what}: {e.GetType().Name}: {e.Message}");
        failures++;
    }
}

Console.WriteLine($"Dynamic code supported: {System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported}");

Expression<Func<double, double>> f = x => Math.Sin(x) * x;
Step("Diff, then Compile(preferInterpretation: true)", () => (f.Diff().Compile(preferInterpretation: true)(0.7), 0.7 * Math.Cos(0.7) + Math.Sin(0.7)));
Step("Diff, then Compile()", () => (f.Diff().Compile()(0.7), 0.7 * Math.Cos(0.7) + Math.Sin(0.7)));
Step("ToMathString of the derivative (length)", () => (f.Diff().ToMathString().Length, "x*cos(x) + sin(x)".Length));

Expression<Func<double[], double>> rosenbrock = x => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2);
double[] point = [-1.2, 1.0];
var expected0 = -400 * point[0] * (point[1] - point[0] * point[0]) - 2 * (1 - point[0]);
Step("GradientExpression, then Compile(preferInterpretation: true)", () =>
{
    var gradient = new double[2];
    rosenbrock.GradientExpression().Compile(preferInterpretation: true)(point, gradient);
    return (gradient[0], expected0);
});
Step("CompileGradient", () =>
{
    var gradient = new double[2];
    rosenbrock.CompileGradient()(point, gradient);
    return (gradient[0], expected0);
});

Expression<Func<double[], double[][], double>> loss = (w, rows) => rows.Sum(r => (w[0] + w[1] * r[0] - r[1]) * (w[0] + w[1] * r[0] - r[1]));
double[][] data = [[0.0, 1.0], [1.0, 2.9], [2.0, 5.2]];
double[] weights = [0.3, 1.7];
var expectedW0 = data.Sum(r => 2 * (weights[0] + weights[1] * r[0] - r[1]));
Step("LINQ model: GradientExpression, then Compile(preferInterpretation: true)", () =>
{
    var gradient = new double[2];
    loss.GradientExpression().Compile(preferInterpretation: true)(weights, data, gradient);
    return (gradient[0], expectedW0);
});
Step("LINQ model: CompileGradient", () =>
{
    var gradient = new double[2];
    loss.CompileGradient()(weights, data, gradient);
    return (gradient[0], expectedW0);
});

Step("Hessian, then Compile(preferInterpretation: true)", () =>
    (rosenbrock.Hessian().Compile(preferInterpretation: true)(point)[0, 0], 1200 * point[0] * point[0] - 400 * point[1] + 2));

// A dense layer: Σᵢ (W·x)ᵢ² with W = Matrix(w, 0, 2, 2) a view of the parameters; ∂/∂w₀ = 2·(W·x)₀·x₀.
Expression<Func<double[], double[], double>> layer = (w, x) => Linalg.MatVec(Linalg.Matrix(w, 0, 2, 2), x).Sum(v => v * v);
double[] layerWeights = [0.5, -1.0, 2.0, 0.25];
double[] input = [1.5, -0.5];
Step("Dense layer (Linalg.MatVec over a Matrix view): CompileGradient", () =>
{
    var gradient = new double[4];
    layer.CompileGradient()(layerWeights, input, gradient);
    return (gradient[0], 2 * (layerWeights[0] * input[0] + layerWeights[1] * input[1]) * input[0]);
});

Console.WriteLine($"{failures} step(s) failed.");
return failures;
