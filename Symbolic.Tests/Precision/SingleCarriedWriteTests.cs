using System.Linq.Expressions;

namespace Symbolic.Tests.Precision;

/// <summary>
/// Float models whose gradient is written once per entry and carried in a register (Rosenbrock's stencil in LINQ):
/// the carried registers take the model's element type. Checked into a NaN-filled buffer (a missed write shows) against
/// Rosenbrock's closed-form gradient evaluated in double at the same float point.
/// </summary>
public class SingleCarriedWriteTests
{
    private static readonly Expression<Func<float[], float>> Rosenbrock =
        x => Enumerable.Range(0, x.Length - 1).Sum(i => 100 * MathF.Pow(x[i + 1] - x[i] * x[i], 2) + MathF.Pow(1 - x[i], 2));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(257)]
    public void Rosenbrocks_float_gradient_into_a_NaN_filled_buffer_matches_the_closed_form(int n)
    {
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 3 - 1.5)).ToArray();
        var gradient = Enumerable.Repeat(float.NaN, n).ToArray();

        Rosenbrock.CompileGradient()(x, gradient);

        for (var i = 0; i < n; i++)
        {
            var (xi, expected, scale) = ((double)x[i], 0.0, 0.0);
            if (i + 1 < n)
            {
                var inner = x[i + 1] - xi * xi;
                expected += -400 * xi * inner - 2 * (1 - xi);
                scale += 400 * Math.Abs(xi) * (Math.Abs(x[i + 1]) + xi * xi) + 2 * (1 + Math.Abs(xi));
            }
            if (i > 0)
            {
                expected += 200 * (xi - (double)x[i - 1] * x[i - 1]);
                scale += 200 * (Math.Abs(xi) + (double)x[i - 1] * x[i - 1]);
            }
            Assert.True(Math.Abs(expected - gradient[i]) <= 32 * SingleTolerance.UnitRoundoff * scale,
                $"n = {n}, ∂/∂x[{i}]: expected {expected:R}, got {gradient[i]:R}");
        }
    }

    [Fact]
    public void The_printed_float_gradient_carries_a_float_register_and_clears_nothing()
    {
        var source = Rosenbrock.ToCSharpGradient();

        Assert.Contains("float carry", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Array.Clear", source, StringComparison.Ordinal);
    }
}
