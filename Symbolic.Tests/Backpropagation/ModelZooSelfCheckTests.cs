using Symbolic.Tests.Models;

namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// The zoo's hand-written derivatives are the oracle for everything else, so they are checked first,
/// without Symbolic: against finite differences of f compiled by .NET's own expression compiler.
/// </summary>
public class ModelZooSelfCheckTests
{
    [Fact]
    public void The_zoo_has_at_least_fifteen_distinct_models()
    {
        Assert.True(ModelZoo.All.Count >= 15);
        Assert.Equal(ModelZoo.All.Count, ModelZoo.All.Select(m => m.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void The_hand_written_gradient_matches_finite_differences_of_the_function(string name)
    {
        var model = ModelZoo.ByName(name);
        var f = model.Function.Compile();

        foreach (var x in model.Points)
            Close.Vectors(FiniteDifferences.Gradient(f, x), model.Gradient(x), relative: 1e-6, floor: 1e-4,
                scale: FiniteDifferences.GradientNoiseScale(f(x), x));
    }

    [Theory]
    [MemberData(nameof(ZooCases.LeastSquaresModels), MemberType = typeof(ZooCases))]
    public void The_function_is_the_sum_of_its_squared_hand_written_residuals(string name)
    {
        var model = ModelZoo.ByName(name);
        var f = model.Function.Compile();
        var residuals = model.Residuals!.Vector.Compile();

        foreach (var x in model.Points)
        {
            var r = model.Residuals.Values(x);
            Close.Vectors([r.Sum(ri => ri * ri)], [f(x)], relative: 1e-12);
            Close.Vectors(r, residuals(x), relative: 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(ZooCases.LeastSquaresModels), MemberType = typeof(ZooCases))]
    public void The_hand_written_residual_Jacobian_matches_finite_differences(string name)
    {
        var model = ModelZoo.ByName(name);

        foreach (var x in model.Points)
            Close.Matrices(FiniteDifferences.Jacobian(model.Residuals!.Values, x), model.Residuals.Jacobian(x), relative: 1e-6, floor: 1e-4);
    }

    [Fact]
    public void Every_model_has_points_of_its_dimension_and_constant_indexes_only()
    {
        foreach (var model in ModelZoo.All)
        {
            Assert.All(model.Points, p => Assert.Equal(model.Dimension, p.Length));
            Assert.Equal(model.Dimension, model.Gradient(model.Points[0]).Length);
            Assert.All(ArrayIndexes.Of(model.Function), index => Assert.InRange(index, 0, model.Dimension - 1));
        }
    }
}
