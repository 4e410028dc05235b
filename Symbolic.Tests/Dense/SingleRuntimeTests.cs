using Symbolic.Runtime;

namespace Symbolic.Tests.Dense;

/// <summary>
/// The float entry points of the runtime generated code calls: row maps against scalar <see cref="MathF"/> and C#'s
/// float operators, the float dense products against loops in double over the same floats, float buffers that never
/// alias the double ones, and null arguments named as in double.
/// </summary>
public class SingleRuntimeTests
{
    private static readonly float Epsilon = float.BitIncrement(1f) - 1f;

    private static readonly float[] X = [-2.5f, -1, -0.0f, 0.0f, 0.3f, 1, 2.5f, float.NaN, float.PositiveInfinity, 7, 1e-3f, -40, 12.75f, 0.5f, -0.25f, 3];
    private static readonly float[] Y = [1, -1, 0.0f, -0.0f, 0.7f, 2, 2.5f, 1, float.PositiveInfinity, float.NaN, 4, 8, -3, 0.5f, 6, -7];

    /// <summary>Arguments near zero, where an absolute error of half an ulp of 1 would be a large relative one.</summary>
    private static readonly float[] Small = [1e-3f, -2e-4f, 3e-5f, 1e-6f, -1e-7f, 1e-20f, -1e-30f, 0.01f, -0.05f, 0.125f];

    /// <summary>Row codes and the MathF function each must match (within a few ulps: TensorPrimitives' float maps are not correctly rounded).</summary>
    public static TheoryData<int, string> UnaryCodes => new()
    {
        { 0, "Negate" }, { 1, "Abs" }, { 2, "Exp" }, { 3, "Log" }, { 4, "Sqrt" }, { 5, "Tanh" }, { 6, "Sin" }, { 7, "Cos" }, { 8, "Sinh" }, { 9, "Cosh" }, { 10, "Atan" },
    };

    private static float Scalar(string name, float x) => name switch
    {
        "Negate" => -x,
        "Abs" => MathF.Abs(x),
        "Exp" => MathF.Exp(x),
        "Log" => MathF.Log(x),
        "Sqrt" => MathF.Sqrt(x),
        "Tanh" => MathF.Tanh(x),
        "Sin" => MathF.Sin(x),
        "Cos" => MathF.Cos(x),
        "Sinh" => MathF.Sinh(x),
        "Cosh" => MathF.Cosh(x),
        _ => MathF.Atan(x),
    };

    [Theory]
    [MemberData(nameof(UnaryCodes))]
    public void A_float_unary_map_matches_MathF_within_a_few_ulps(int code, string name)
    {
        var random = new Random(code);
        // Offsets and a length past two vectors and a tail, over the special values and random ones in ±10.
        float[] x = [.. X, .. Small, .. Enumerable.Range(0, 40).Select(_ => 20 * random.NextSingle() - 10)];
        var result = new float[x.Length + 3];
        RowMaps.Unary(code, [0f, .. x], 1, result, 2, x.Length);
        Assert.Equal(0f, result[0]);
        for (var i = 0; i < x.Length; i++)
        {
            float expected = Scalar(name, x[i]), actual = result[i + 2];
            if (float.IsNaN(expected) || float.IsInfinity(expected)) Assert.Equal(expected, actual);
            else Assert.True(Math.Abs(expected - actual) <= 4 * Epsilon * Math.Max(Math.Abs(expected), 1e-30f) + 1e-37f, $"{name}({x[i]:R}) = {actual:R}, MathF gives {expected:R}");
        }
    }

    [Fact]
    public void Float_binary_maps_compute_the_CSharp_operators_bit_for_bit()
    {
        var n = X.Length;
        foreach (var (code, oracle) in new (int, Func<float, float, float>)[] { (11, (a, b) => a + b), (12, (a, b) => a - b), (13, (a, b) => a * b), (14, (a, b) => a / b) })
        {
            var (rows, rowScalar, scalarRow) = (new float[n], new float[n], new float[n]);
            RowMaps.Binary(code, X, 0, Y, 0, rows, 0, n);
            RowMaps.BinaryScalar(code, X, 0, 0.7f, rowScalar, 0, n);
            RowMaps.ScalarBinary(code, 0.7f, Y, 0, scalarRow, 0, n);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(oracle(X[i], Y[i]), rows[i]);
                Assert.Equal(oracle(X[i], 0.7f), rowScalar[i]);
                Assert.Equal(oracle(0.7f, Y[i]), scalarRow[i]);
            }
        }
    }

    [Fact]
    public void A_float_selection_compares_as_CSharp_does_NaN_included()
    {
        float[] x = [.. X, .. X], y = [.. Y, .. Y];
        float[] whenTrue = [.. x.Select((_, i) => 100f + i)], whenFalse = [.. x.Select((_, i) => -100f - i)];
        foreach (var (code, holds) in new (int, Func<float, float, bool>)[]
        {
            (15, (a, b) => a == b), (16, (a, b) => a != b), (17, (a, b) => a < b), (18, (a, b) => a <= b), (19, (a, b) => a > b), (20, (a, b) => a >= b),
        })
        {
            var result = new float[x.Length];
            RowMaps.Select(code, x, 0, y, 0, whenTrue, 0, whenFalse, 0, result, 0, x.Length);
            for (var i = 0; i < x.Length; i++) Assert.Equal(holds(x[i], y[i]) ? whenTrue[i] : whenFalse[i], result[i]);
        }
        Assert.Equal("op", Assert.Throws<ArgumentOutOfRangeException>(() => RowMaps.Select(11, x, 0, y, 0, x, 0, y, 0, new float[4], 0, 4)).ParamName);
    }

    [Fact]
    public void A_float_row_sum_is_within_the_float_bound_of_the_exact_sum_and_copy_and_fill_are_exact()
    {
        var random = new Random(5);
        foreach (var n in new[] { 0, 1, 7, 16, 17, 100, 1000, 4097 })
        {
            var x = Enumerable.Range(0, n + 3).Select(_ => 2 * random.NextSingle() - 1).ToArray();
            double exact = 0, magnitude = 0;
            for (var i = 0; i < n; i++) { exact += x[3 + i]; magnitude += Math.Abs(x[3 + i]); }
            Assert.InRange(RowMaps.Sum(x, 3, n), exact - n * Epsilon * magnitude - 1e-30, exact + n * Epsilon * magnitude + 1e-30);

            var copy = new float[n + 1];
            RowMaps.Copy(x, 3, copy, 1, n);
            Assert.Equal(x.Skip(3), copy.Skip(1));
            RowMaps.Fill(2.5f, copy, 1, n);
            Assert.All(copy.Skip(1), value => Assert.Equal(2.5f, value));
        }
    }

    [Fact]
    public void Float_products_scatters_and_sums_match_loops_over_the_same_floats()
    {
        var pool = BufferPool.Shared;
        var random = new Random(8);
        const int m = 19, n = 37, k = 23;
        var a = Enumerable.Range(0, 2 + k * m).Select(_ => 2 * random.NextSingle() - 1).ToArray();   // Aᵀ stored: A[i, p] = a[2 + p·m + i]
        var b = Enumerable.Range(0, k * n).Select(_ => 2 * random.NextSingle() - 1).ToArray();
        double Exact(int i, int j) => Enumerable.Range(0, k).Sum(p => (double)a[2 + p * m + i] * b[p * n + j]);
        double Size(int i, int j) => Enumerable.Range(0, k).Sum(p => Math.Abs((double)a[2 + p * m + i] * b[p * n + j]));

        var c = DenseRuntime.Multiply(pool, 3, m, n, k, a, 2, 1, m, b, 0, n, 1);
        var doubles = pool.Slot(3, m * n);     // the double buffer of the same slot is another array
        Assert.NotSame(pool.SingleSlot(3, 1), pool.SingleScratch(1));
        Assert.Same(c, pool.SingleSlot(3, m * n));
        Array.Fill(doubles, 9.0);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) Assert.InRange(c[i * n + j], Exact(i, j) - (k + 1) * Epsilon * Size(i, j), Exact(i, j) + (k + 1) * Epsilon * Size(i, j));

        // A non-injective view (every row onto one row: column sums of the product) goes through the float scratch.
        var gradient = new float[n];
        DenseRuntime.MultiplyAdd(pool, gradient, 0, 0, 1, m, n, k, a, 2, 1, m, b, 0, n, 1);
        for (var j = 0; j < n; j++)
        {
            double exact = 0, size = 0;
            for (var i = 0; i < m; i++) { exact += Exact(i, j); size += Size(i, j); }
            Assert.InRange(gradient[j], exact - (k + m + 1) * Epsilon * size, exact + (k + m + 1) * Epsilon * size);
        }

        var into = new float[m * n + 1];
        DenseRuntime.MultiplyInto(into, 1, n, 1, m, n, k, a, 2, 1, m, b, 0, n, 1);
        Assert.Equal(c.Take(m * n), into.Skip(1)); // the same kernel, the same bits

        var t = Enumerable.Range(0, 6).Select(i => i + 0.5f).ToArray();
        var target = new float[8];
        DenseRuntime.CopyTo(target, 1, 1, 2, 2, 3, t);      // a transposed 2×3 block: target[1 + i + 2j] = t[3i + j]
        DenseRuntime.AddTo(target, 1, 1, 2, 2, 3, t);
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 3; j++) Assert.Equal(2 * t[3 * i + j], target[1 + i + 2 * j]);
        DenseRuntime.ClearRange(target, 2, 100);
        Assert.Equal([0f, 2 * t[0], 0, 0, 0, 0, 0, 0], target);

        var sum = DenseRuntime.Add(pool, 4, t, t, 6);
        Assert.Equal(t.Select(v => v + v), sum.Take(6));
        var rented = DenseRuntime.RentSingle(pool, 4, 6);
        Assert.Same(sum, rented);
        Assert.All(rented.Take(6), value => Assert.Equal(0f, value));
    }

    private static readonly float[] Some = [1, 2, 3, 4];

    public static TheoryData<string, Action> NullArguments => new()
    {
        { "a", () => DenseRuntime.Multiply(BufferPool.Shared, 0, 2, 2, 1, null!, 0, 1, 1, Some, 0, 2, 1) },
        { "pool", () => DenseRuntime.Multiply(null!, 0, 2, 2, 1, Some, 0, 1, 1, Some, 0, 2, 1) },
        { "c", () => DenseRuntime.MultiplyAdd(BufferPool.Shared, null!, 0, 2, 1, 2, 2, 1, Some, 0, 1, 1, Some, 0, 2, 1) },
        { "c", () => DenseRuntime.MultiplyInto(null!, 0, 2, 1, 2, 2, 1, Some, 0, 1, 1, Some, 0, 2, 1) },
        { "t", () => DenseRuntime.AddTo(new float[4], 0, 2, 1, 2, 2, null!) },
        { "a", () => DenseRuntime.ClearRange((float[])null!, 0, 1) },
        { "pool", () => DenseRuntime.RentSingle(null!, 0, 4) },
        { "x", () => RowMaps.Sum((float[])null!, 0, 3) },
        { "destination", () => RowMaps.Fill(1f, null!, 0, 3) },
        { "pool", () => RowMaps.SingleScratch(null!, 3) },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void A_null_float_array_or_pool_is_named(string parameter, Action call) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentNullException>(call).ParamName);

    [Fact]
    public void A_float_view_outside_its_array_and_an_impossible_slot_are_refused()
    {
        Assert.Throws<IndexOutOfRangeException>(() => DenseRuntime.Multiply(BufferPool.Shared, 0, 3, 2, 2, Some, 0, 2, 1, Some, 0, 2, 1));
        Assert.Throws<IndexOutOfRangeException>(() => RowMaps.Unary(2, Some, 2, new float[4], 0, 3));
        Assert.Equal("slot", Assert.Throws<ArgumentOutOfRangeException>(() => BufferPool.Shared.SingleSlot(int.MaxValue, 1)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => BufferPool.Shared.SingleSlot(0, -1)).ParamName);
    }
}
