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

/// <summary>
/// Marks a static method as defined, for Symbolic, by an expression: a static property or field of the
/// same class holding an <c>Expression&lt;Func&lt;…&gt;&gt;</c> with the method's parameters. Symbolic inlines that
/// expression wherever the method is called in a model (and differentiates it as usual), so models can
/// be factored into reusable pieces that stay plain C# methods.
/// </summary>
/// <example>
/// <code>
/// [InlineDefinition(nameof(NeuronDefinition))]
/// public static double Neuron(double z) =&gt; Math.Tanh(z);
/// public static Expression&lt;Func&lt;double, double&gt;&gt; NeuronDefinition =&gt; z =&gt; Math.Tanh(z);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class InlineDefinitionAttribute : Attribute
{
    /// <summary>Names the member holding the method's definition.</summary>
    /// <param name="member">A static property or field of type <c>Expression&lt;Func&lt;…&gt;&gt;</c>.</param>
    public InlineDefinitionAttribute(string member) => Member = member;

    /// <summary>The member holding the method's definition.</summary>
    public string Member { get; }
}
