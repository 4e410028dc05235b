using System.Linq.Expressions;
using System.Reflection;
using Microsoft.CSharp.RuntimeBinder;

namespace Symbolic.Tests.Robustness;

/// <summary>
/// Statement forms a differentiable function cannot contain — calls that write out or ref arguments, assignments to
/// what the function does not own, loops, jumps, try/catch, switch, dynamic operations — are refused up front with a
/// <see cref="NotSupportedException"/> that names the construct and quotes it, never an internal exception from
/// building an invalid expression tree. C# cannot write most of them in a lambda; they are built by hand here.
/// </summary>
public class UnsupportedConstructTests
{
    private static readonly ParameterExpression X = Expression.Parameter(typeof(double), "x");
    private static readonly ParameterExpression Y = Expression.Variable(typeof(double), "y");
    private static readonly Holder Captured = new(1.0);
    private static readonly double[] CapturedArray = [1.0, 2.0];

    public static double WithOut(double x, out double twice)
    {
        twice = 2 * x;
        return x;
    }

    public static double WithRef(ref double y) => y += 1;

    private sealed class Holder(double value)
    {
        public double Value = value;
    }

    private static MethodInfo Method(string name) => typeof(UnsupportedConstructTests).GetMethod(name)!;

    private static Expression Squared => Expression.Multiply(X, X);

    private static Expression CapturedValue => Expression.Field(Expression.Constant(Captured), nameof(Holder.Value));

    private static Expression DynamicSum()
    {
        var argument = CSharpArgumentInfo.Create(CSharpArgumentInfoFlags.None, null);
        var binder = Microsoft.CSharp.RuntimeBinder.Binder.BinaryOperation(CSharpBinderFlags.None, ExpressionType.Add, typeof(UnsupportedConstructTests), [argument, argument]);
        return Expression.Dynamic(binder, typeof(double), Expression.Convert(X, typeof(object)), Expression.Convert(X, typeof(object)));
    }

    // int.TryParse("3", out n); x * n: the out variable is an integer, so before it was refused it read as a constant.
    private static Expression IntegerOut()
    {
        var n = Expression.Variable(typeof(int), "n");
        var tryParse = typeof(int).GetMethod(nameof(int.TryParse), [typeof(string), typeof(int).MakeByRefType()])!;
        return Expression.Block([n], Expression.Call(tryParse, Expression.Constant("3"), n), Expression.Multiply(X, Expression.Convert(n, typeof(double))));
    }

    private static Expression Loop()
    {
        var done = Expression.Label("done");
        return Expression.Block([Y], Expression.Assign(Y, X),
            Expression.Loop(Expression.IfThenElse(Expression.GreaterThan(Y, Expression.Constant(10.0)), Expression.Break(done), Expression.AddAssign(Y, X)), done), Y);
    }

    private static Expression Jump()
    {
        var skip = Expression.Label("skip");
        return Expression.Block(Expression.Goto(skip), Expression.Label(skip), Squared);
    }

    /// <summary>(the body of x =&gt; ..., text the message must contain besides the quote).</summary>
    private static readonly Dictionary<string, (Expression Body, string Names)> Cases = new()
    {
        ["a call whose out argument is read after it"] = (Expression.Block([Y], Expression.Call(Method(nameof(WithOut)), X, Y), Expression.Multiply(Y, X)), "WithOut"),
        ["a call of constants whose out argument is read after it"] =
            (Expression.Block([Y], Expression.Call(Method(nameof(WithOut)), Expression.Constant(2.0), Y), Expression.Multiply(Y, X)), "out"),
        ["a call with an integer out argument that is read after it"] = (IntegerOut(), "TryParse"),
        ["a call with a ref argument"] = (Expression.Block([Y], Expression.Assign(Y, X), Expression.Call(Method(nameof(WithRef)), Y)), "ref"),
        ["an assignment to a captured variable"] = (Expression.Block(Expression.Assign(CapturedValue, X), Squared), "captured variable"),
        ["an increment of a captured variable"] = (Expression.Block(Expression.PreIncrementAssign(CapturedValue), Squared), "captured variable"),
        ["an assignment to an element of a captured array"] =
            (Expression.Block(Expression.Assign(Expression.ArrayAccess(Expression.Constant(CapturedArray), Expression.Constant(0)), X), Squared), "array"),
        ["a loop with a break"] = (Loop(), "loops"),
        ["a goto and a label"] = (Jump(), "jumps"),
        ["try and catch"] = (Expression.TryCatch(Squared, Expression.Catch(typeof(ArithmeticException), Expression.Constant(0.0))), "try"),
        ["a switch"] = (Expression.Switch(Expression.Convert(X, typeof(int)), Expression.Constant(1.0),
            Expression.SwitchCase(Squared, Expression.Constant(0))), "switch"),
        ["a dynamic operation"] = (DynamicSum(), "dynamic"),
        ["an object created from x and read back"] = (Expression.Field(Expression.New(typeof(Holder).GetConstructor([typeof(double)])!, X), nameof(Holder.Value)), "Holder"),
        ["a block variable that is read but never assigned"] = (Expression.Block([Y], Expression.Multiply(Y, X)), "never assigned"),
        ["a block variable never assigned, passed by value to a call"] =
            (Expression.Block([Y], Expression.Multiply(Expression.Call(typeof(Math).GetMethod(nameof(Math.Sin), [typeof(double)])!, Y), X)), "never assigned"),
        ["a compound assignment to a block variable"] = (Expression.Block([Y], Expression.Assign(Y, X), Expression.AddAssign(Y, X), Y), "y"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_construct_that_cannot_be_differentiated_is_refused_by_name_with_a_quote(string name)
    {
        var (body, names) = Cases[name];
        var f = Expression.Lambda<Func<double, double>>(body, X);

        foreach (var attempt in new Action[] { () => f.Diff(), () => f.Simplify(), () => f.ToMathString(), () => ((LambdaExpression)f).Partial(0) })
        {
            var error = Assert.Throws<NotSupportedException>(attempt);

            Assert.Contains(names, error.Message);
            Assert.Contains("Sub-expression:", error.Message);
        }
    }

    [Fact]
    public void A_model_that_writes_into_its_own_parameters_is_refused_by_every_gradient()
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        var element = (int i) => Expression.ArrayIndex(x, Expression.Constant(i));
        var f = Expression.Lambda<Func<double[], double>>(
            Expression.Block(Expression.Assign(Expression.ArrayAccess(x, Expression.Constant(0)), Expression.Constant(3.0)), Expression.Multiply(element(0), element(1))), x);

        foreach (var attempt in new Action[] { () => f.Grad(), () => f.CompileGradient(), () => f.Hessian(), () => f.ToCSharpGradient() })
        {
            var error = Assert.Throws<NotSupportedException>(attempt);

            Assert.Contains("x[0] = 3", error.Message);
        }
    }
}
