// Symbolic quick start: differentiate ordinary C# lambdas, check the results, fit a model.
// Run from the repository root: dotnet run --project samples/Quickstart
using System.Linq.Expressions;
using Symbolic;

Expression<Func<double, double>>[] functions =
[
    x => x * Math.Sin(x),
    x => Math.Exp(-x * x / 2),
    x => Math.Log(1 + x * x),
    x => x * x * x - 2 * x,
    x => Math.Tanh(2 * x),
    x => Math.Sqrt(1 + x * x),
];

var allPassed = true;
foreach (var f in functions)
    allPassed &= ShowAndCheck(f);

FitExponential();
ShowGradientSource();
return allPassed ? 0 : 1;

// Prints the C# Symbolic compiles for a small gradient (value and gradient in one pass), and its LaTeX.
static void ShowGradientSource()
{
    Expression<Func<double[], double>> model = w => Math.Log(1 + Math.Exp(w[0] * 0.5 + w[1])) - 0.25 * (w[0] * 0.5 + w[1]);
    Console.WriteLine("The gradient of a one-point logistic loss, as the C# that CompileGradient compiles:");
    Console.WriteLine(model.ToCSharpGradient("LossAndGradient"));
    Console.WriteLine($"As LaTeX: {model.Grad().ToLatex()}");
}

// Prints f, f′ and f″ in math notation, then compares the compiled derivatives with finite differences.
static bool ShowAndCheck(Expression<Func<double, double>> f)
{
    var d1 = f.Diff();
    var d2 = d1.Diff();
    Console.WriteLine($"f(x)   = {f.ToMathString()}");
    Console.WriteLine($"f'(x)  = {d1.ToMathString()}");
    Console.WriteLine($"f''(x) = {d2.ToMathString()}");

    var (fn, d1n, d2n) = (f.Compile(), d1.Compile(), d2.Compile());
    double[] points = [-2.0, -0.7, 0.3, 1.0, 2.5];
    var error1 = points.Max(x => RelativeError(d1n(x), FirstDifference(fn, x)));
    var error2 = points.Max(x => RelativeError(d2n(x), SecondDifference(fn, x)));
    var passed = error1 < 1e-6 && error2 < 1e-5;
    Console.WriteLine($"  check vs finite differences: max error f' {error1:0.0e0}, f'' {error2:0.0e0} -> {(passed ? "PASS" : "FAIL")}");
    Console.WriteLine();
    return passed;
}

static double FirstDifference(Func<double, double> f, double x, double h = 1e-5) => (f(x + h) - f(x - h)) / (2 * h);

static double SecondDifference(Func<double, double> f, double x, double h = 1e-3) => (f(x + h) - 2 * f(x) + f(x - h)) / (h * h);

static double RelativeError(double actual, double expected) => Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected));

// Fits y = a·exp(b·x) to noisy data by gradient descent on the mean squared error.
static void FitExponential()
{
    const double trueA = 2.0, trueB = -1.3;
    var random = new Random(42);
    var xs = Enumerable.Range(0, 20).Select(i => i / 10.0).ToArray();
    var ys = xs.Select(x => trueA * Math.Exp(trueB * x) + 0.02 * (random.NextDouble() - 0.5)).ToArray();

    var loss = MeanSquaredError(xs, ys);
    var lossFn = loss.Compile();
    var dLda = loss.Partial(0).Compile();
    var dLdb = loss.Partial(1).Compile();

    Console.WriteLine("Fitting y = a*exp(b*x) to 20 points by gradient descent on L(a, b):");
    double a = 1, b = 0, rate = 0.2;
    for (var step = 0; step <= 400; step++)
    {
        if (step % 50 == 0) Console.WriteLine($"  step {step,4}: L = {lossFn(a, b):0.000e0}  a = {a:F4}  b = {b:F4}");
        (a, b) = (a - rate * dLda(a, b), b - rate * dLdb(a, b));
    }
    Console.WriteLine($"  fitted a = {a:F3}, b = {b:F3}   (true a = {trueA}, b = {trueB})");
}

// L(a, b) = 1/n · Σ (a·exp(b·xs[i]) - ys[i])², built as an expression tree. Each xs[i], ys[i] is a
// captured-array read: an opaque leaf to Symbolic, read again whenever the compiled loss runs.
static Expression<Func<double, double, double>> MeanSquaredError(double[] xs, double[] ys)
{
    var a = Expression.Parameter(typeof(double), "a");
    var b = Expression.Parameter(typeof(double), "b");
    var exp = typeof(Math).GetMethod(nameof(Math.Exp), [typeof(double)])!;
    Expression sum = Expression.Constant(0.0);
    for (var i = 0; i < xs.Length; i++)
    {
        var x = Expression.ArrayIndex(Expression.Constant(xs), Expression.Constant(i));
        var y = Expression.ArrayIndex(Expression.Constant(ys), Expression.Constant(i));
        var residual = Expression.Subtract(Expression.Multiply(a, Expression.Call(exp, Expression.Multiply(b, x))), y);
        sum = Expression.Add(sum, Expression.Multiply(residual, residual));
    }
    return Expression.Lambda<Func<double, double, double>>(Expression.Divide(sum, Expression.Constant((double)xs.Length)), a, b);
}
