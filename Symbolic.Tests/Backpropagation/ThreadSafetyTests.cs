using Symbolic.Tests.Models;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Everything public is thread-safe: many threads differentiating the same and different expressions at once.</summary>
public class ThreadSafetyTests
{
    [Fact]
    public void Grad_and_CompileGradient_on_the_same_expression_from_many_threads_are_all_correct()
    {
        var model = ModelZoo.Gaussian;
        var x = model.Points[1];
        var expected = model.Gradient(x);

        Parallel.For(0, 64, _ =>
        {
            Close.Vectors(expected, model.Function.Grad().Compile()(x), relative: 1e-10, floor: 1e-6);
            var buffer = new double[x.Length];
            model.Function.CompileGradient()(x, buffer);
            Close.Vectors(expected, buffer, relative: 1e-10, floor: 1e-6);
        });
    }

    [Fact]
    public void Grad_and_CompileGradient_on_different_expressions_from_many_threads_are_all_correct()
    {
        var models = ModelZoo.All.Where(m => m.Dimension <= 4).ToList();

        Parallel.For(0, 4 * models.Count, i =>
        {
            var model = models[i % models.Count];
            var x = model.Points[i % model.Points.Count];
            var expected = model.Gradient(x);
            var scale = ZooGradientTests.TermScale(model, x);
            Close.Vectors(expected, model.Function.Grad().Compile()(x), relative: 1e-10, scale: scale);
            var buffer = new double[x.Length];
            model.Function.CompileGradient()(x, buffer);
            Close.Vectors(expected, buffer, relative: 1e-10, scale: scale);
        });
    }

    [Fact]
    public void One_compiled_gradient_called_from_many_threads_with_their_own_buffers_is_correct()
    {
        var model = ModelZoo.ExtendedRosenbrock;
        var valueAndGradient = model.Function.CompileGradient();

        Parallel.For(0, 256, i =>
        {
            var x = model.Points[i % model.Points.Count];
            var buffer = new double[x.Length];
            valueAndGradient(x, buffer);
            Close.Vectors(model.Gradient(x), buffer, relative: 1e-12, scale: ZooGradientTests.TermScale(model, x));
        });
    }
}
