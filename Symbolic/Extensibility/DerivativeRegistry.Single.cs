using System.Linq.Expressions;
using Symbolic.Extensibility;

namespace Symbolic;

/// <summary>
/// Rules for users' float methods, for float models: the same kinds of rule as for double methods, written in float
/// (a float method's partial derivatives are float lambdas, so a float model stays float through its derivatives).
/// </summary>
/// <remarks>
/// Overloads rather than methods of other names: a lambda that calls a double method cannot be read as a float lambda
/// (its double result does not convert to float implicitly), so no existing call changes meaning or becomes ambiguous.
/// A double method's rule is never applied to a float model: a float model cannot call it without a conversion of a
/// value that depends on its variables, which is refused.
/// </remarks>
#pragma warning disable RS0026 // the float overloads differ from the double ones in the lambdas' types: no call binds to both
public sealed partial class DerivativeRegistry
{
    /// <summary>Defines the derivative of a static method of one float, e.g. <c>Define((float x) =&gt; SoftClipF(x), x =&gt; 1 - MathF.Tanh(x) * MathF.Tanh(x))</c>.</summary>
    /// <param name="function">A lambda that only calls the method with its parameter.</param>
    /// <param name="derivative">The derivative, as a function of the same parameter, in float.</param>
    public void Define(Expression<Func<float, float>> function, Expression<Func<float, float>> derivative) =>
        Add(new DifferentiatedCall(CalledMethod(function), [derivative ?? throw new ArgumentNullException(nameof(derivative))], IsPure: false));

    /// <summary>Defines the partial derivatives of a static method of two floats.</summary>
    /// <param name="function">A lambda that only calls the method with its parameters, in order: <c>(x, y) =&gt; F(x, y)</c>.</param>
    /// <param name="partialFirst">∂F/∂x as a function of (x, y), in float.</param>
    /// <param name="partialSecond">∂F/∂y as a function of (x, y), in float.</param>
    public void Define(Expression<Func<float, float, float>> function,
        Expression<Func<float, float, float>> partialFirst, Expression<Func<float, float, float>> partialSecond) =>
        Add(new DifferentiatedCall(CalledMethod(function),
            [partialFirst ?? throw new ArgumentNullException(nameof(partialFirst)), partialSecond ?? throw new ArgumentNullException(nameof(partialSecond))], IsPure: false));

    /// <summary>Defines a static method of one float by a float lambda that Symbolic inlines wherever the method is called in a model.</summary>
    /// <param name="function">A lambda that only calls the method with its parameter.</param>
    /// <param name="definition">The method's body, as a lambda of the same parameter.</param>
    public void DefineInline(Expression<Func<float, float>> function, Expression<Func<float, float>> definition) =>
        AddInline(new InlinedCall(CalledMethod(function), definition ?? throw new ArgumentNullException(nameof(definition))));

    /// <summary>Defines a static method of two floats by a float lambda that Symbolic inlines.</summary>
    /// <param name="function">A lambda that only calls the method with its parameters, in order.</param>
    /// <param name="definition">The method's body, as a lambda of the same parameters.</param>
    public void DefineInline(Expression<Func<float, float, float>> function, Expression<Func<float, float, float>> definition) =>
        AddInline(new InlinedCall(CalledMethod(function), definition ?? throw new ArgumentNullException(nameof(definition))));
}
#pragma warning restore RS0026
