using Symbolic.Tests.Models;

namespace Symbolic.Tests.Backpropagation;

/// <summary>Theory data over the model zoo, by name (so each model is its own test case).</summary>
public static class ZooCases
{
    public static TheoryData<string> Models => new(ModelZoo.All.Select(m => m.Name));

    public static TheoryData<string> LeastSquaresModels => new(ModelZoo.All.Where(m => m.Residuals is not null).Select(m => m.Name));
}
