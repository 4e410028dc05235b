namespace Symbolic;

/// <summary>
/// Marks a static method of doubles as differentiable inside models by naming the methods that compute
/// its partial derivatives: one per parameter, static, in the same class, with the same parameters.
/// </summary>
/// <example>
/// <code>
/// [Derivative(nameof(SoftClipPrime))]
/// public static double SoftClip(double x) => Math.Tanh(x);
/// public static double SoftClipPrime(double x) => 1 - Math.Tanh(x) * Math.Tanh(x);
/// </code>
/// Symbolic then differentiates <c>x =&gt; SoftClip(x) * x</c>; a partial method is itself
/// differentiated (for second derivatives) only if it carries a rule too.
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DerivativeAttribute : Attribute
{
    /// <summary>Names the partial-derivative methods, in parameter order.</summary>
    /// <param name="partials">One method name per parameter of the marked method.</param>
    public DerivativeAttribute(params string[] partials) => Partials = partials;

    /// <summary>The partial-derivative methods' names, in parameter order.</summary>
    public IReadOnlyList<string> Partials { get; }
}
