using FsCheck.Xunit;
using Symbolic.Tests.Linq.Generators;
using Symbolic.Tests.Linq.Support;
using Symbolic.Tests.Oracles;

namespace Symbolic.Tests.Linq;

/// <summary>
/// Hessian-vector products and Hessians of random LINQ models against second differences of the
/// model compiled by .NET: (H·v)ᵢ = d/dt ∂f/∂xᵢ(x + t·v) at t = 0, both derivatives by Richardson
/// extrapolation, so the oracle knows nothing of the library.
/// </summary>
public class RandomLinqModelSecondOrderProperties
{
    [Property(MaxTest = 100, Arbitrary = [typeof(AnyLinqModels)])]
    public void The_Hessian_vector_product_of_a_random_LINQ_model_agrees_with_second_differences(LinqModelCase model)
    {
        var f = model.Model;
        var (x, data) = (model.X, model.Data);
        var reference = f.Compile();
        if (x.Length == 0 || Throws(() => reference(x, data))) return;   // the gradient properties check exceptions
        var (hvp, hessian) = MemoryGuard.Run(model.ToString(), () => (f.Hvp().Compile(), f.Hessian().Compile()));
        double[] v = [.. x.Select((_, k) => 0.5 + 0.25 * k)];
        // A documented limitation (docs/linq-models.md): an invariant hoisted out of a loop that runs zero
        // times may read out of range where LINQ reads nothing; values are compared where both return numbers.
        if (Throws(() => hvp(x, v, data))) return;
        var product = hvp(x, v, data);
        var h = hessian(x, data);

        for (var i = 0; i < x.Length; i++)
        {
            var row = Enumerable.Range(0, x.Length).Sum(j => h[i, j] * v[j]);
            Tolerance.AssertAgree($"row {i} of the Hessian times v differs from Hvp", f, x, product[i], row, 1, 1e-9);
            var index = i;
            var estimate = FiniteDifference.Derivative(t => FiniteDifference.Partial(p => reference(p, data), [.. x.Select((xj, j) => xj + t * v[j])], index).Derivative, 0);
            if (estimate.IsReliable(FiniteDifferenceChecks.ReliableError * 10))
                Tolerance.AssertAgree($"Hvp entry {i} disagrees with second differences", f, x, estimate.Derivative, product[i], 1, FiniteDifferenceChecks.Agreement * 10);
        }
    }

    private static bool Throws(Action call)
    {
        try
        {
            call();
            return false;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return true;
        }
    }
}
