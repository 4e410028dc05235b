using System.Linq.Expressions;

namespace Symbolic.Tests.Folds;

/// <summary>
/// A step that reads its state outside its components (<c>h[j + 1]</c> at j = 3 of 4) throws as LINQ's Aggregate does,
/// quoting the read, through every way of compiling the model — not silently the neighbouring state of the buffer.
/// </summary>
public class FoldStateRangeTests
{
    private static readonly double[] Point = [0.3, -0.5, 0.8, 0.2, -0.4];

    // h[j + 1] reads h[4] at j = 3; h[j - 1] reads h[-1] at j = 0.
    private static readonly Expression<Func<double[], double>> Ahead =
        x => x.Aggregate(new[] { x[0], x[1], x[2], x[3] }, (h, t) => Enumerable.Range(0, 4).Select(j => h[j + 1] * t).ToArray(), h => h[0] + h[3]);

    private static readonly Expression<Func<double[], double>> Behind =
        x => x.Aggregate(new[] { x[0], x[1], x[2], x[3] }, (h, t) => Enumerable.Range(0, 4).Select(j => Math.Tanh(h[j - 1] + t)).ToArray(), h => h[0] * h[3]);

    public static TheoryData<string, string> Reads => new()
    {
        { "ahead", "h[j + 1]" }, { "behind", "h[j - 1]" },
    };

    private static Expression<Func<double[], double>> Model(string name) => name == "ahead" ? Ahead : Behind;

    private static void ThrowsQuoting(string read, Action run)
    {
        var error = Assert.Throws<IndexOutOfRangeException>(run);
        Assert.Contains(read, error.Message);
        Assert.Contains("outside the state's 4 components", error.Message);
    }

    [Theory, MemberData(nameof(Reads))]
    public void LINQ_itself_throws_on_these_models(string model, string read)
    {
        _ = read;
        Assert.Throws<IndexOutOfRangeException>(() => Model(model).Compile()(Point));
    }

    [Theory, MemberData(nameof(Reads))]
    public void The_value_and_gradient_throw_quoting_the_read(string model, string read)
    {
        var f = Model(model);
        ThrowsQuoting(read, () => f.CompileGradient()(Point, new double[Point.Length]));
        ThrowsQuoting(read, () => f.Grad().Compile()(Point));
    }

    [Theory, MemberData(nameof(Reads))]
    public void Checkpointed_folds_throw_quoting_the_read(string model, string read)
    {
        var f = Model(model);
        ThrowsQuoting(read, () => f.CompileGradient(FoldCheckpointing.SquareRoot)(Point, new double[Point.Length]));
        ThrowsQuoting(read, () => f.CompileGradient(FoldCheckpointing.Stored(2))(Point, new double[Point.Length]));
    }

    [Theory, MemberData(nameof(Reads))]
    public void Forward_mode_and_Hvp_throw_quoting_the_read(string model, string read)
    {
        var f = Model(model);
        ThrowsQuoting(read, () => f.Hvp().Compile()(Point, [1, 0, 0, 0, 0]));
        // Jvp reads x at constant indexes only: the fold runs over a range.
        Expression<Func<double[], double[]>> g = model == "ahead"
            ? x => new[] { Enumerable.Range(0, 5).Aggregate(new[] { x[0], x[1], x[2], x[3] }, (h, t) => Enumerable.Range(0, 4).Select(j => h[j + 1] * x[4]).ToArray())[0] }
            : x => new[] { Enumerable.Range(0, 5).Aggregate(new[] { x[0], x[1], x[2], x[3] }, (h, t) => Enumerable.Range(0, 4).Select(j => h[j - 1] * x[4]).ToArray())[2] };
        Assert.Throws<IndexOutOfRangeException>(() => g.Compile()(Point));
        ThrowsQuoting(read, () => g.Jvp().Compile()(Point, [1, 0, 0, 0, 0]));
    }

    [Fact]
    public void Diff_of_a_scalar_model_throws_quoting_the_read()
    {
        Expression<Func<double, double>> f = a => Enumerable.Range(0, 5).Aggregate(new[] { a, a, a, a }, (h, t) => Enumerable.Range(0, 4).Select(j => h[j + 1] * a).ToArray())[0];
        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()(0.7));
        ThrowsQuoting("h[j + 1]", () => f.Diff().Compile()(0.7));
    }

    [Fact]
    public void A_read_of_the_final_state_out_of_range_throws_quoting_it()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(new[] { 1.0, 2.0 }, (h, t) => new[] { h[0] * t, h[1] + t }, h => h[0] + h[2]);
        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()(Point));
        var error = Assert.Throws<IndexOutOfRangeException>(() => f.CompileGradient()(Point, new double[Point.Length]));
        Assert.Contains("h[2]", error.Message);
        Assert.Contains("outside the state's 2 components", error.Message);
    }

    [Fact]
    public void Guarded_reads_match_finite_differences_of_LINQ()
    {
        Expression<Func<double[], double>> f = x => x.Aggregate(new[] { x[0], x[1], x[2], x[3] },
            (h, t) => Enumerable.Range(0, 4).Select(j => Math.Tanh(0.5 * (j < 3 ? h[j + 1] : h[0]) * t + 0.3 * (j > 0 ? h[j - 1] : x[4]) + 0.1 * h[j])).ToArray(),
            h => h[0] + 2 * h[1] - h[2] + 0.5 * h[3]);
        FoldAssert.GradientMatchesFiniteDifferences(f, Point);
        var gradient = new double[Point.Length];
        var plain = f.CompileGradient()(Point, gradient);
        var checkpointed = new double[Point.Length];
        Assert.Equal(plain, f.CompileGradient(FoldCheckpointing.Stored(2))(Point, checkpointed), 12);
        for (var i = 0; i < Point.Length; i++) Assert.Equal(gradient[i], checkpointed[i], 10);
    }

    [Fact]
    public void A_guard_that_lets_the_read_out_throws_where_LINQ_does()
    {
        // j < 4 guards nothing: h[4] is read at j = 3.
        Expression<Func<double[], double>> f = x => x.Aggregate(new[] { x[0], x[1], x[2], x[3] },
            (h, t) => Enumerable.Range(0, 4).Select(j => j < 4 ? h[j + 1] * t : 0.0).ToArray(), h => h[0]);
        Assert.Throws<IndexOutOfRangeException>(() => f.Compile()(Point));
        ThrowsQuoting("h[j + 1]", () => f.CompileGradient()(Point, new double[Point.Length]));
    }

    [Fact]
    public void Reads_proved_in_range_are_not_checked_and_the_printed_code_checks_the_others()
    {
        Expression<Func<double[], double>> guarded = x => x.Aggregate(new[] { x[0], x[1], x[2], x[3] },
            (h, t) => Enumerable.Range(0, 4).Select(j => (j < 3 ? h[j + 1] : 0.0) + (j >= 1 ? h[j - 1] : 0.0) + h[(j + 1) % 4] * t
                + Enumerable.Range(0, 4).Sum(k => h[k] * h[3 - k])).ToArray(), h => h[0]);
        Assert.DoesNotContain("outside the state", guarded.ToCSharpGradient());
        var printed = Ahead.ToCSharpGradient();
        Assert.Contains("h[j + 1] reads outside the state's 4 components", printed);
    }
}
