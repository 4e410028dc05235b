using System.Linq.Expressions;

namespace Symbolic.Tests.Batch;

/// <summary>The row models' compiled gradients, one delegate type for every <see cref="RowLayout"/>.</summary>
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
}
