using System.Globalization;
using System.Linq.Expressions;
using Symbolic.Pipeline;

namespace Symbolic.Tests.Precision;

/// <summary>
/// The passes respect the IR's element type, read off their dumps: a float model's constants are floats from
/// lowering on, constant folding computes in float, and its matrix products are recognised as in double (they run on the float kernels).
/// </summary>
public class SinglePassDumpTests
{
    private static PassTrace Trace(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(RecognizeProducts: true, Trace: trace));
        return trace;
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void A_float_models_constants_are_floats_and_fold_in_float()
    {
        Expression<Func<float[], float>> single = w => 0.1f * w[0] + MathF.Sqrt(2f) * w[1];
        Expression<Func<double[], double>> twin = w => 0.1 * w[0] + Math.Sqrt(2.0) * w[1];

        var (lowered, folded) = (Trace(single).After("lower"), Trace(single).After("fold-constants"));
        var doubleFolded = Trace(twin).After("fold-constants");

        Assert.Contains("const " + R(0.1f), lowered);
        Assert.Contains("const " + R(MathF.Sqrt(2f)), folded);
        Assert.DoesNotContain("const " + R(Math.Sqrt(2.0)), folded);
        Assert.Contains("const " + R(Math.Sqrt(2.0)), doubleFolded);
    }

    [Fact]
    public void The_derivative_rules_constants_are_rounded_to_float()
    {
        Expression<Func<float[], float>> f = w => MathF.Log10(w[0]);

        var reverse = Trace(f).After("reverse");

        Assert.Contains("const " + R((float)Math.Log(10)), reverse);
        Assert.DoesNotContain("const " + R(Math.Log(10)), reverse);
    }

    [Fact]
    public void A_float_dense_layers_products_are_recognised_and_run_on_the_float_kernels()
    {
        Expression<Func<float[], float[][], float>> layer = (p, xs) => xs.Sum(x =>
            Enumerable.Range(0, 3).Sum(j => MathF.Tanh(Enumerable.Range(0, 4).Sum(k => p[j * 4 + k] * x[k]))));

        var trace = Trace(layer);

        Assert.Contains("matmul", trace.After("recognize"));
        Assert.Contains("matmul", trace.After("recognize-adjoints"));
        Assert.Contains("kernel-", trace.After("plan-scatters"));
    }
}
