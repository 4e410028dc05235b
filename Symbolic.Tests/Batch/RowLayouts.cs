using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Batch;

/// <summary>The row models' compiled gradients, one delegate type for every <see cref="RowLayout"/>, and the checks every blocked form must pass.</summary>
public static class RowLayouts
{
    /// <summary>
    /// <c>CompileGradient</c> of a model (w, X, y) whose X is flat (<c>double[]</c>), 2-D or jagged as
    /// <paramref name="layout"/> says, called with X as an object.
    /// </summary>
    public static Func<double[], object, double[], double[], double> CompileGradient(RowLayout layout, LambdaExpression model) => layout switch
    {
        RowLayout.Flat => Typed<double[]>(model),
        RowLayout.Matrix => Typed<double[,]>(model),
        _ => Typed<double[][]>(model),
    };

    private static Func<double[], object, double[], double[], double> Typed<TX>(LambdaExpression model)
    {
        var compiled = ((Expression<Func<double[], TX, double[], double>>)model).CompileGradient();
        return (w, X, y, g) => compiled(w, (TX)X, y, g);
    }

    /// <summary>
    /// <c>CompileBatchGradient</c> over four chunks gives the same bits on one and on two threads, and its value is the
    /// model's own (LINQ's evaluation, to 10⁻⁹).
    /// </summary>
    public static void AssertSameBitsOnOneAndTwoThreads(Expression<Func<double[], double[][], double[], double>> model, double[][] X, double[] y, double[] w)
    {
        using var one = model.CompileBatchGradient(X, y, new BatchGradientOptions { ChunkCount = 4, MaxThreads = 1 });
        using var two = model.CompileBatchGradient(X, y, new BatchGradientOptions { ChunkCount = 4, MaxThreads = 2 });
        var (g1, g2) = (new double[w.Length], new double[w.Length]);

        var (v1, v2) = (one.Evaluate(w, g1), two.Evaluate(w, g2));

        Assert.Equal(BitConverter.DoubleToInt64Bits(v1), BitConverter.DoubleToInt64Bits(v2));
        Assert.Equal(g1.Select(BitConverter.DoubleToInt64Bits), g2.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(model.Compile()(w, X, y), v1, 1e-9);
    }

    /// <summary>A warm call of the compiled gradient allocates nothing.</summary>
    public static void AssertAllocatesNothingWarm(Expression<Func<double[], double[][], double[], double>> model, double[][] X, double[] y, double[] w)
    {
        var compiled = model.CompileGradient();
        var gradient = new double[w.Length];
        compiled(w, X, y, gradient);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10; k++) compiled(w, X, y, gradient);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
