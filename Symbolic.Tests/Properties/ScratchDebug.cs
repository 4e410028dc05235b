using System.Linq.Expressions;
using Symbolic.Tests.Oracles;
using Xunit.Abstractions;

namespace Symbolic.Tests.Properties;

public class ScratchDebug(ITestOutputHelper output)
{
    [Fact]
    public void Debug()
    {
        Expression<Func<double, double, double, double, double>> f = (x, y, z, w) => Math.Pow((1.5 + (z * z)), Math.Sin(Math.Pow(Math.Pow((1 + (Math.Sinh((2 * Math.Atan(y))) * Math.Sinh((2 * Math.Atan(y))))), 1.5), 4)));
        double[] p = [0.8436856020000001, -1.9003752520000001, -1.507808134, -1.140486466];
        var e = DualInterpreter.Evaluate(f, p);
        output.WriteLine($"{e.Number} / {e.Scale}");
        output.WriteLine(f.Simplify(SimplificationLevel.Algebraic).ToString());
        output.WriteLine(f.Simplify(SimplificationLevel.Algebraic).ToMathString());
        Expression<Func<double, double>> g = y => Math.Pow(Math.Pow((1 + (Math.Sinh((2 * Math.Atan(y))) * Math.Sinh((2 * Math.Atan(y))))), 1.5), 4);
        output.WriteLine($"{g.Compile()(p[1])} vs {g.Simplify(SimplificationLevel.Algebraic).Compile()(p[1])} : {g.Simplify(SimplificationLevel.Algebraic)}");
    }
}
