using Symbolic.Tests.Models;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Second order on the zoo: Hessian, Jacobian of the gradient, and Hessian–vector products.</summary>
public class ZooHessianTests
{
    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Hessian_equals_finite_differences_of_the_hand_written_gradient(string name)
    {
        var model = ModelZoo.ByName(name);
        var hessian = model.Function.Hessian();

        foreach (var compiled in new[] { hessian.Compile(), hessian.Compile(preferInterpretation: true) })
            foreach (var x in model.Points)
                Close.Matrices(FiniteDifferences.Jacobian(model.Gradient, x), compiled(x), relative: 1e-5, floor: 1e-5);
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Hessian_is_square_of_the_dimension_and_exactly_symmetric(string name)
    {
        var model = ModelZoo.ByName(name);
        var hessian = model.Function.Hessian().Compile();

        foreach (var x in model.Points)
        {
            var h = hessian(x);
            Assert.Equal(model.Dimension, h.GetLength(0));
            Close.ExactlySymmetric(h);
        }
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Jacobian_of_Grad_equals_Hessian_and_is_symmetric(string name)
    {
        var model = ModelZoo.ByName(name);
        var jacobianOfGradient = model.Function.Grad().Jacobian();
        var hessian = model.Function.Hessian().Compile();

        foreach (var compiled in new[] { jacobianOfGradient.Compile(), jacobianOfGradient.Compile(preferInterpretation: true) })
            foreach (var x in model.Points)
            {
                var h = hessian(x);
                Close.Matrices(h, compiled(x), relative: 1e-9);
                Close.Symmetric(compiled(x), relative: 1e-9);
            }
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Hvp_equals_the_Hessian_times_v(string name)
    {
        var model = ModelZoo.ByName(name);
        var hvp = model.Function.Hvp();
        var hessian = model.Function.Hessian().Compile();

        foreach (var compiled in new[] { hvp.Compile(), hvp.Compile(preferInterpretation: true) })
            for (var k = 0; k < model.Points.Count; k++)
            {
                var (x, v) = (model.Points[k], Matrix.Random(model.Dimension, seed: k));
                var h = hessian(x);
                Close.Vectors(Matrix.Times(h, v), compiled(x, v), relative: 1e-10, scale: Matrix.AbsoluteTimes(h, v));
            }
    }

    [Theory]
    [MemberData(nameof(ZooCases.Models), MemberType = typeof(ZooCases))]
    public void Hvp_equals_the_directional_derivative_of_the_hand_written_gradient(string name)
    {
        var model = ModelZoo.ByName(name);
        var hvp = model.Function.Hvp().Compile();

        for (var k = 0; k < model.Points.Count; k++)
        {
            var (x, v) = (model.Points[k], Matrix.Random(model.Dimension, seed: 100 + k));
            var h = FiniteDifferences.Jacobian(model.Gradient, x);
            Close.Vectors(FiniteDifferences.Directional(model.Gradient, x, v), hvp(x, v), relative: 1e-5, floor: 1e-5, scale: Matrix.AbsoluteTimes(h, v));
        }
    }
}
