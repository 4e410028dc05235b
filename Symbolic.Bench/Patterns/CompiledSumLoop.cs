using System.Linq.Expressions;

namespace Symbolic.Bench.Patterns;

/// <summary>Compiles a derivative's body inside a summing loop, so that no call is paid per point.</summary>
public static class CompiledSumLoop
{
    /// <summary>
    /// <c>xs =&gt; { var sum = 0.0; for (var i = 0; i &lt; xs.Length; i++) { x = xs[i]; sum += body; } return sum; }</c>
    /// with the function's own parameter <c>x</c> reused as the loop's variable.
    /// </summary>
    public static Func<double[], double> Compile(Expression<Func<double, double>> function)
    {
        var xs = Expression.Parameter(typeof(double[]), "xs");
        var x = function.Parameters[0];
        var i = Expression.Variable(typeof(int), "i");
        var sum = Expression.Variable(typeof(double), "sum");
        var done = Expression.Label(typeof(double), "done");
        var loop = Expression.Block(
            [x, i, sum],
            Expression.Assign(i, Expression.Constant(0)),
            Expression.Assign(sum, Expression.Constant(0.0)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(i, Expression.ArrayLength(xs)),
                    Expression.Block(
                        Expression.Assign(x, Expression.ArrayIndex(xs, i)),
                        Expression.AddAssign(sum, function.Body),
                        Expression.PreIncrementAssign(i)),
                    Expression.Break(done, sum)),
                done));
        return Expression.Lambda<Func<double[], double>>(loop, xs).Compile();
    }
}
