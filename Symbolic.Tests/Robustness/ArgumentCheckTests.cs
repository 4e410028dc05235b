using System.Linq.Expressions;

namespace Symbolic.Tests.Robustness;

/// <summary>
/// Every function Symbolic returns over arrays checks its arguments on entry: a null array, an array shorter than the
/// function needs, a gradient buffer that is also an input — each an <see cref="ArgumentException"/> (or
/// <see cref="ArgumentNullException"/>) naming the parameter, never a NullReferenceException or a bare
/// IndexOutOfRangeException from inside the generated code.
/// </summary>
public class ArgumentCheckTests
{
    // Reads x[0..5] at constant indexes: x needs 6 entries.
    private static readonly Expression<Func<double[], double>> Scalar = x => x[0] * x[1] + Math.Sin(x[5]);

    // A LINQ model over data that also reads w[2] at a constant index outside its loop.
    private static readonly Expression<Func<double[], double[], double>> OverData = (w, xs) => xs.Sum(t => Math.Pow(w[0] * t - w[1], 2)) + w[2] * w[2];

    private static readonly Expression<Func<double[], double[], double[], double>> OverPairs =
        (w, xs, ys) => xs.Zip(ys, (x, y) => Math.Pow(w[0] * x + w[1] - y, 2)).Sum();

    // Indexes its data with a loop index: null data would be dereferenced by the model's own code.
    private static readonly Expression<Func<double[], double[], double>> IndexedData =
        (w, d) => Enumerable.Range(0, d.Length).Sum(i => Math.Pow(w[0] * d[i] - w[1], 2));

    private static readonly Expression<Func<double[], double[]>> Vector = x => new[] { x[0] * x[1], Math.Sin(x[2]), x[3] };

    private static readonly double[] Data = [0.5, -1.0, 2.0];

    private static double[] Of(int n) => [.. Enumerable.Range(1, n).Select(i => 0.25 * i)];

    /// <summary>(the call, the exception type, the parameter named, text the message must contain).</summary>
    private static readonly Dictionary<string, (Action Call, Type Exception, string Parameter, string Text)> Cases = new()
    {
        ["CompileGradient, x null"] = (() => Scalar.CompileGradient()(null!, Of(6)), typeof(ArgumentNullException), "x", ""),
        ["CompileGradient, x too short"] = (() => Scalar.CompileGradient()(Of(3), Of(3)), typeof(ArgumentException), "x", "fewer than 6 entries"),
        ["CompileGradient, gradient null"] = (() => Scalar.CompileGradient()(Of(6), null!), typeof(ArgumentNullException), "gradient", ""),
        ["CompileGradient, gradient too short"] = (() => Scalar.CompileGradient()(Of(6), Of(5)), typeof(ArgumentException), "gradient", "as many entries as x"),
        ["CompileGradient, gradient is x"] = (() => { var x = Of(6); Scalar.CompileGradient()(x, x); }, typeof(ArgumentException), "gradient", "same array as x"),
        ["CompileGradient with a registry, x null"] = (() => Scalar.CompileGradient(new DerivativeRegistry())(null!, Of(6)), typeof(ArgumentNullException), "x", ""),
        ["GradientExpression, x null"] = (() => Scalar.GradientExpression().Compile()(null!, Of(6)), typeof(ArgumentNullException), "x", ""),
        ["GradientExpression interpreted, gradient is x"] = (() => { var x = Of(6); Scalar.GradientExpression().Compile(preferInterpretation: true)(x, x); },
            typeof(ArgumentException), "gradient", "same array as x"),

        ["CompileGradient<T1>, w null"] = (() => OverData.CompileGradient()(null!, Data, Of(3)), typeof(ArgumentNullException), "w", ""),
        ["CompileGradient<T1>, w too short"] = (() => OverData.CompileGradient()(Of(2), Data, Of(2)), typeof(ArgumentException), "w", "reads w[2]"),
        ["CompileGradient<T1>, data null"] = (() => OverData.CompileGradient()(Of(3), null!, Of(3)), typeof(ArgumentNullException), "data", ""),
        ["CompileGradient<T1>, indexed data null"] = (() => IndexedData.CompileGradient()(Of(2), null!, Of(2)), typeof(ArgumentNullException), "data", ""),
        ["CompileGradient<T1>, gradient null"] = (() => OverData.CompileGradient()(Of(3), Data, null!), typeof(ArgumentNullException), "gradient", ""),
        ["CompileGradient<T1>, gradient too short"] = (() => OverData.CompileGradient()(Of(3), Data, Of(2)), typeof(ArgumentException), "gradient", "as many entries as w"),
        ["CompileGradient<T1>, gradient is w"] = (() => { var w = Of(3); OverData.CompileGradient()(w, Data, w); }, typeof(ArgumentException), "gradient", "same array as w"),
        ["CompileGradient<T1>, gradient is data"] = (() => { var g = Of(3); OverData.CompileGradient()(Of(3), g, g); }, typeof(ArgumentException), "gradient", "same array as data"),
        ["GradientExpression<T1>, data null"] = (() => OverData.GradientExpression().Compile()(Of(3), null!, Of(3)), typeof(ArgumentNullException), "data", ""),

        ["CompileGradient<T1,T2>, w null"] = (() => OverPairs.CompileGradient()(null!, Data, Data, Of(2)), typeof(ArgumentNullException), "w", ""),
        ["CompileGradient<T1,T2>, data1 null"] = (() => OverPairs.CompileGradient()(Of(2), null!, Data, Of(2)), typeof(ArgumentNullException), "data1", ""),
        ["CompileGradient<T1,T2>, data2 null"] = (() => OverPairs.CompileGradient()(Of(2), Data, null!, Of(2)), typeof(ArgumentNullException), "data2", ""),
        ["CompileGradient<T1,T2>, gradient null"] = (() => OverPairs.CompileGradient()(Of(2), Data, Data, null!), typeof(ArgumentNullException), "gradient", ""),
        ["CompileGradient<T1,T2>, gradient too short"] = (() => OverPairs.CompileGradient()(Of(2), Data, Data, Of(1)), typeof(ArgumentException), "gradient", ""),
        ["CompileGradient<T1,T2>, gradient is w"] = (() => { var w = Of(2); OverPairs.CompileGradient()(w, Data, Data, w); }, typeof(ArgumentException), "gradient", "same array as w"),
        ["CompileGradient<T1,T2>, gradient is data2"] = (() => { var g = Of(2); OverPairs.CompileGradient()(Of(2), [1.0, 2.0], g, g); }, typeof(ArgumentException), "gradient", "same array as data2"),
        ["GradientExpression<T1,T2>, data2 null"] = (() => OverPairs.GradientExpression().Compile()(Of(2), Data, null!, Of(2)), typeof(ArgumentNullException), "data2", ""),

        ["Grad, x null"] = (() => Scalar.Grad().Compile()(null!), typeof(ArgumentNullException), "x", ""),
        ["Grad, x too short"] = (() => Scalar.Grad().Compile()(Of(5)), typeof(ArgumentException), "x", "fewer than 6 entries"),
        ["Grad<T1>, w too short"] = (() => OverData.Grad().Compile()(Of(2), Data), typeof(ArgumentException), "w", "reads w[2]"),
        ["Grad<T1>, data null"] = (() => OverData.Grad().Compile()(Of(3), null!), typeof(ArgumentNullException), "xs", ""),
        ["Grad<T1,T2>, w null"] = (() => OverPairs.Grad().Compile()(null!, Data, Data), typeof(ArgumentNullException), "w", ""),
        ["Grad<T1,T2>, second data null"] = (() => OverPairs.Grad().Compile()(Of(2), Data, null!), typeof(ArgumentNullException), "ys", ""),

        ["Hessian, x null"] = (() => Scalar.Hessian().Compile()(null!), typeof(ArgumentNullException), "x", ""),
        ["Hessian, x too short"] = (() => Scalar.Hessian().Compile()(Of(2)), typeof(ArgumentException), "x", "fewer than 6 entries"),
        ["Hessian<T1>, w null"] = (() => OverData.Hessian().Compile()(null!, Data), typeof(ArgumentNullException), "w", ""),
        ["Hessian<T1>, w too short"] = (() => OverData.Hessian().Compile()(Of(2), Data), typeof(ArgumentException), "w", "reads w[2]"),
        ["Hessian<T1>, data null"] = (() => OverData.Hessian().Compile()(Of(3), null!), typeof(ArgumentNullException), "xs", ""),

        ["Jacobian, x null"] = (() => Vector.Jacobian().Compile()(null!), typeof(ArgumentNullException), "x", ""),
        ["Jacobian, x too short"] = (() => Vector.Jacobian().Compile()(Of(3)), typeof(ArgumentException), "x", "fewer than 4 entries"),
        ["Jvp, x null"] = (() => Vector.Jvp().Compile()(null!, Of(4)), typeof(ArgumentNullException), "x", ""),
        ["Jvp, x too short"] = (() => Vector.Jvp().Compile()(Of(2), Of(2)), typeof(ArgumentException), "x", "fewer than 4 entries"),
        ["Jvp, v null"] = (() => Vector.Jvp().Compile()(Of(4), null!), typeof(ArgumentNullException), "v", ""),
        ["Jvp, v too short"] = (() => Vector.Jvp().Compile()(Of(4), Of(3)), typeof(ArgumentException), "v", "as many entries as x"),
        ["Vjp, x too short"] = (() => Vector.Vjp().Compile()(Of(1), Of(3)), typeof(ArgumentException), "x", "fewer than 4 entries"),
        ["Vjp, u null"] = (() => Vector.Vjp().Compile()(Of(4), null!), typeof(ArgumentNullException), "u", ""),
        ["Vjp, u too short"] = (() => Vector.Vjp().Compile()(Of(4), Of(2)), typeof(ArgumentException), "u", "one entry per output"),
        ["Hvp, x null"] = (() => Scalar.Hvp().Compile()(null!, Of(6)), typeof(ArgumentNullException), "x", ""),
        ["Hvp, x too short"] = (() => Scalar.Hvp().Compile()(Of(4), Of(4)), typeof(ArgumentException), "x", "fewer than 6 entries"),
        ["Hvp, v null"] = (() => Scalar.Hvp().Compile()(Of(6), null!), typeof(ArgumentNullException), "v", ""),
        ["Hvp, v too short"] = (() => Scalar.Hvp().Compile()(Of(6), Of(1)), typeof(ArgumentException), "v", "as many entries as x"),
        ["Hvp<T1>, v too short"] = (() => OverData.Hvp().Compile()(Of(3), Of(2), Data), typeof(ArgumentException), "v", "as many entries as w"),
        ["Hvp<T1>, data null"] = (() => OverData.Hvp().Compile()(Of(3), Of(3), null!), typeof(ArgumentNullException), "xs", ""),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_wrong_argument_is_rejected_on_entry_with_its_name(string name)
    {
        var (call, exception, parameter, text) = Cases[name];

        var error = Assert.Throws(exception, call);

        Assert.Equal(parameter, ((ArgumentException)error).ParamName);
        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void The_arguments_are_checked_before_anything_is_written()
    {
        var w = Of(3);
        var before = w.ToArray();

        Assert.Throws<ArgumentException>(() => OverData.CompileGradient()(w, Data, w));

        Assert.Equal(before, w);
    }

    [Fact]
    public void An_index_read_from_the_data_past_the_end_of_w_is_explained_with_the_model()
    {
        Expression<Func<double[], int[], double>> f = (w, idx) => idx.Sum(k => w[k] * w[k]);

        var error = Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()([1.0, 2.0], [0, 4], new double[2]));

        Assert.Contains("out of range in the gradient of", error.Message);
        Assert.Contains("idx.Sum(", error.Message);
        Assert.IsType<IndexOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public void A_loop_index_past_the_end_of_w_is_explained_with_the_model()
    {
        Expression<Func<double[], double>> f = x => Enumerable.Range(0, x.Length).Sum(i => x[i] * x[i + 1]);

        var error = Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()([1.0, 2.0, 3.0], new double[3]));

        Assert.Contains("computed in a loop or read from the data", error.Message);
        Assert.Contains("x[(i + 1)]", error.Message);
    }
}
