using System.Linq.Expressions;

namespace Symbolic.Tests.Linq;

/// <summary>The compiled gradient of a model over data allocates nothing per call (a byte count, not a timing).</summary>
public class AllocationTests
{
    private const int Calls = 1000;

    /// <summary>
    /// Bytes allocated by <see cref="Calls"/> calls, the least of three rounds: the runtime occasionally
    /// allocates once on a thread while code is re-jitted (seen once in many runs: 6,960 B in a round),
    /// whereas an allocation per call would show in every round.
    /// </summary>
    private static long BytesAllocatedBy(Action call)
    {
        for (var k = 0; k < 50; k++) call();
        var least = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < Calls; k++) call();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    private static double[] Ramp(int n, double scale) => [.. Enumerable.Range(0, n).Select(i => scale * i / n)];

    [Fact]
    public void The_compiled_gradient_of_a_mean_squared_error_over_two_data_arrays_allocates_nothing()
    {
        Expression<Func<double[], double[], double[], double>> mse = (w, xs, ys) => xs.Zip(ys, (x, y) => Math.Pow(w[0] * x + w[1] - y, 2)).Average();
        var valueAndGradient = mse.CompileGradient();
        var (xs, ys, w, gradient) = (Ramp(1000, 1), Ramp(1000, 3), new[] { 0.5, 0.25 }, new double[2]);

        Assert.Equal(0, BytesAllocatedBy(() => valueAndGradient(w, xs, ys, gradient)));
    }

    [Fact]
    public void The_compiled_gradient_of_Rosenbrock_over_a_range_allocates_nothing()
    {
        var valueAndGradient = Calculus.CompileGradient(x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2)));
        var (x, gradient) = (Ramp(1000, 2), new double[1000]);

        Assert.Equal(0, BytesAllocatedBy(() => valueAndGradient(x, gradient)));
    }

    [Fact]
    public void The_compiled_gradient_of_a_scatter_through_a_data_dependent_index_allocates_nothing()
    {
        Expression<Func<double[], int[], double>> f = (w, idx) => idx.Sum(k => Math.Sin(w[k]) * w[k]);
        var valueAndGradient = f.CompileGradient();
        var (w, idx, gradient) = (Ramp(100, 1), Enumerable.Range(0, 1000).Select(i => i * 7 % 100).ToArray(), new double[100]);

        Assert.Equal(0, BytesAllocatedBy(() => valueAndGradient(w, idx, gradient)));
    }

    [Fact]
    public void The_compiled_gradient_over_captured_data_with_a_filter_allocates_nothing()
    {
        var data = Ramp(1000, 4);
        var valueAndGradient = Calculus.CompileGradient(w => data.Where(d => d > 1).Sum(d => Math.Log(1 + Math.Exp(w[0] * d - w[1]))));
        var (w, gradient) = (new[] { 0.5, 0.25 }, new double[2]);

        Assert.Equal(0, BytesAllocatedBy(() => valueAndGradient(w, gradient)));
    }

    [Fact]
    public void The_compiled_gradient_of_a_double_sum_over_a_rectangular_array_allocates_nothing()
    {
        Expression<Func<double[], double[,], double>> f = (w, a) => Enumerable.Range(0, a.GetLength(0)).Sum(i => Enumerable.Range(0, a.GetLength(1)).Sum(j => a[i, j] * w[i] * w[j]));
        var valueAndGradient = f.CompileGradient();
        var (w, a, gradient) = (Ramp(30, 1), new double[30, 30], new double[30]);

        Assert.Equal(0, BytesAllocatedBy(() => valueAndGradient(w, a, gradient)));
    }
}
