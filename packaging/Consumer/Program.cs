using System.Linq.Expressions;
using Symbolic;

// Checks the packed library from the outside: gradients against closed forms and central differences.
// Exits 1 on the first failed check, so CI fails on a broken package.
var failures = 0;

void Check(string what, double actual, double expected)
{
    var ok = Math.Abs(actual - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected));
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}: {actual:R} (expected {expected:R})");
    if (!ok) failures++;
}

// A scalar function: d/dx sin(x)·x = x·cos(x) + sin(x).
Expression<Func<double, double>> f = x => Math.Sin(x) * x;
var df = f.Diff().Compile();
Check("d/dx sin(x)·x at 0.7", df(0.7), 0.7 * Math.Cos(0.7) + Math.Sin(0.7));

// Rosenbrock in n = 4 variables through the compiled value-and-gradient delegate, against its closed form.
Expression<Func<double[], double>> rosenbrock = x =>
    100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2)
    + 100 * Math.Pow(x[2] - x[1] * x[1], 2) + Math.Pow(1 - x[1], 2)
    + 100 * Math.Pow(x[3] - x[2] * x[2], 2) + Math.Pow(1 - x[2], 2);
var point = new[] { -1.2, 1.0, 0.5, -0.3 };
var gradient = new double[point.Length];
var value = rosenbrock.CompileGradient()(point, gradient);
var closedValue = 0.0;
var closedGradient = new double[point.Length];
for (var i = 0; i + 1 < point.Length; i++)
{
    var (a, b) = (point[i], point[i + 1]);
    closedValue += 100 * (b - a * a) * (b - a * a) + (1 - a) * (1 - a);
    closedGradient[i] += -400 * a * (b - a * a) - 2 * (1 - a);
    closedGradient[i + 1] += 200 * (b - a * a);
}
Check("Rosenbrock value", value, closedValue);
for (var i = 0; i < point.Length; i++) Check($"∂Rosenbrock/∂x[{i}]", gradient[i], closedGradient[i]);

// A LINQ model over data: least squares Σ (w0 + w1·t − y)², against central differences.
Expression<Func<double[], double[][], double>> loss = (w, rows) => rows.Sum(r => (w[0] + w[1] * r[0] - r[1]) * (w[0] + w[1] * r[0] - r[1]));
double[][] data = [[0.0, 1.0], [1.0, 2.9], [2.0, 5.2], [3.0, 6.8]];
var weights = new[] { 0.3, 1.7 };
var modelGradient = new double[2];
loss.CompileGradient()(weights, data, modelGradient);
var plain = loss.Compile();
for (var i = 0; i < weights.Length; i++)
{
    const double h = 1e-5;
    var (up, down) = ((double[])weights.Clone(), (double[])weights.Clone());
    up[i] += h;
    down[i] -= h;
    Check($"∂loss/∂w[{i}] (LINQ model)", modelGradient[i], (plain(up, data) - plain(down, data)) / (2 * h));
}

Console.WriteLine(failures == 0 ? "Package consumer: all checks passed." : $"Package consumer: {failures} check(s) FAILED.");
return failures == 0 ? 0 : 1;
