using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Symbolic.Tests.Oracles;
using Xunit.Abstractions;

namespace Symbolic.Tests.Properties;

public class ScratchDebug(ITestOutputHelper output)
{
    [MethodImpl(MethodImplOptions.NoInlining)] static double Direct(double x) => Math.Min(-0.0, Math.Round(x - x));
    [MethodImpl(MethodImplOptions.NoInlining)] static double Direct2(double x) => Math.Min(-0.0, x - x);
    [MethodImpl(MethodImplOptions.NoInlining)] static double Direct3(double a, double b) => Math.Min(a, b);

    [Fact]
    public void Debug()
    {
        Expression<Func<double, double, double>> f = (x, y) => Math.Min(Math.Round(-0.305), Math.Round(x - x));
        var s = f.Simplify(SimplificationLevel.Algebraic);
        output.WriteLine(s.ToString());
        output.WriteLine($"{s.Compile()(-1.02, 1)} {s.Compile(true)(-1.02, 1)} orig {f.Compile()(-1.02, 1)} {f.Compile(true)(-1.02, 1)}");
        output.WriteLine($"direct {Direct(-1.02)} {Direct2(-1.02)} {Direct3(-0.0, 0.0)} {Math.Min(-0.0, 0.0)}");
        var x = Expression.Parameter(typeof(double), "x");
        var e = Expression.Lambda<Func<double, double>>(Expression.Call(typeof(Math).GetMethod("Min", [typeof(double), typeof(double)])!, Expression.Constant(-0.0), Expression.Subtract(x, x)), x);
        output.WriteLine($"hand {e.Compile()(1.5)} {e.Compile(true)(1.5)}");
        var e2 = Expression.Lambda<Func<double, double>>(Expression.Call(typeof(Math).GetMethod("Min", [typeof(double), typeof(double)])!, Expression.Subtract(x, x), Expression.Constant(-0.0)), x);
        output.WriteLine($"hand2 {e2.Compile()(1.5)} {e2.Compile(true)(1.5)}");
        var cs = Expression.Lambda<Func<double, double>>(Expression.Call(typeof(Math).GetMethod("CopySign", [typeof(double), typeof(double)])!, Expression.Constant(1.0), Expression.Add(Expression.Constant(-0.0), Expression.Multiply(x, Expression.Constant(0.0)))), x);
        output.WriteLine($"copysign compiled {cs.Compile()(-1)} interpreted {cs.Compile(true)(-1)}");
        var neg = Expression.Lambda<Func<double>>(Expression.Constant(-0.0));
        output.WriteLine($"const compiled {1 / neg.Compile()()} interpreted {1 / neg.Compile(true)()}");
        Expression<Func<double, double>> h = x => Math.Min(Math.Round(-0.3), x - x);
        output.WriteLine($"repro: f {h.Compile()(1)} simplified {h.Simplify().Compile()(1)} interp {h.Simplify().Compile(true)(1)} : {h.Simplify()}");
        Expression<Func<double, double>> g = x => Calculus.Diff(y => Math.Sqrt(Math.Max(0, y))).Compile()(x);
        output.WriteLine($"sqrt(max(0,x))' at -1: {Calculus.Diff(y => Math.Sqrt(Math.Max(0, y))).Compile()(-1)}  ; {Calculus.Diff(y => Math.Sqrt(Math.Max(0, y)))}");
        output.WriteLine($"sqrt(x>0?x:0)' at -1: {Calculus.Diff(y => Math.Sqrt(y > 0 ? y : 0)).Compile()(-1)}");
        output.WriteLine($"sqrt(floor(x))' at 0.5: {Calculus.Diff(y => Math.Sqrt(Math.Floor(y))).Compile()(0.5)}");
        output.WriteLine($"atan2 at origin: {Calculus.Diff(y => Math.Atan2(Math.Ceiling(y), Math.Max(0, y))).Compile()(-0.78)}");
    }
}
