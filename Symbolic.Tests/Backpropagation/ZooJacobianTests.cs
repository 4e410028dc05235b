using Symbolic.Tests.Models;

namespace Symbolic.Tests.Backpropagation;

/// <summary>
/// First order on vector functions: the residual vectors of the zoo's least-squares problems,
/// x =&gt; new[] { r0, r1, ... }, against their Jacobians written by hand.
/// </summary>
public class ZooJacobianTests
{
    private const double Relative = 1e-10;

    [Theory]
    [MemberData(nameof(ZooCases.LeastSquaresModels), MemberType = typeof(ZooCases))]
    public void Jacobian_of_the_residuals_equals_the_hand_written_Jacobian(string name)
    {
        var residuals = ModelZoo.ByName(name).Residuals!;
        var jacobian = residuals.Vector.Jacobian();

        foreach (var compiled in new[] { jacobian.Compile(), jacobian.Compile(preferInterpretation: true) })
            foreach (var x in ModelZoo.ByName(name).Points)
                Close.Matrices(residuals.Jacobian(x), compiled(x), Relative);
    }

    [Theory]
    [MemberData(nameof(ZooCases.LeastSquaresModels), MemberType = typeof(ZooCases))]
    public void Jvp_equals_the_hand_written_Jacobian_times_v(string name)
    {
        var model = ModelZoo.ByName(name);
        var jvp = model.Residuals!.Vector.Jvp();

        foreach (var compiled in new[] { jvp.Compile(), jvp.Compile(preferInterpretation: true) })
            for (var k = 0; k < model.Points.Count; k++)
            {
                var (x, v) = (model.Points[k], Matrix.Random(model.Dimension, seed: k));
                var j = model.Residuals.Jacobian(x);
                Close.Vectors(Matrix.Times(j, v), compiled(x, v), Relative, scale: Matrix.AbsoluteTimes(j, v));
            }
    }

    [Theory]
    [MemberData(nameof(ZooCases.LeastSquaresModels), MemberType = typeof(ZooCases))]
    public void Vjp_equals_the_hand_written_Jacobian_transposed_times_u(string name)
    {
        var model = ModelZoo.ByName(name);
        var vjp = model.Residuals!.Vector.Vjp();

        foreach (var compiled in new[] { vjp.Compile(), vjp.Compile(preferInterpretation: true) })
            for (var k = 0; k < model.Points.Count; k++)
            {
                var x = model.Points[k];
                var jt = Matrix.Transpose(model.Residuals.Jacobian(x));
                var u = Matrix.Random(jt.GetLength(1), seed: 50 + k);
                Close.Vectors(Matrix.Times(jt, u), compiled(x, u), Relative, scale: Matrix.AbsoluteTimes(jt, u));
            }
    }

    [Theory]
    [MemberData(nameof(ZooCases.LeastSquaresModels), MemberType = typeof(ZooCases))]
    public void Vjp_with_u_equal_to_twice_the_residuals_is_the_gradient_of_the_sum_of_squares(string name)
    {
        var model = ModelZoo.ByName(name);
        var vjp = model.Residuals!.Vector.Vjp().Compile();

        foreach (var x in model.Points)
            Close.Vectors(model.Gradient(x), vjp(x, [.. model.Residuals.Values(x).Select(r => 2 * r)]), Relative,
                scale: ZooGradientTests.TermScale(model, x));
    }
}
