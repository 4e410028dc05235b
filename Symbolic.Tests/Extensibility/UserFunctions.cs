namespace Symbolic.Tests.Extensibility;

/// <summary>Users' own methods, as a model would call them (each test uses its own, since the default registry is global).</summary>
public static class UserFunctions
{
    [Derivative(nameof(SoftClipPrime))]
    public static double SoftClip(double x) => Math.Tanh(x);

    public static double SoftClipPrime(double x) => 1 - Math.Tanh(x) * Math.Tanh(x);

    [Derivative(nameof(BlendByX), nameof(BlendByY))]
    public static double Blend(double x, double y) => x * Math.Exp(y);

    public static double BlendByX(double x, double y) => Math.Exp(y);

    public static double BlendByY(double x, double y) => x * Math.Exp(y);

    [Derivative("NoSuchMethod")]
    public static double Misdeclared(double x) => x;

    public static double Undeclared(double x) => 2 * x;

    public static double Cube(double x) => x * x * x;

    public static double Scaled(double x) => 3 * x;

    public static double Glue(double x, double y) => Math.Sin(x) * y;

    /// <summary>Never runs: it is defined inline for Symbolic (a model factored into pieces).</summary>
    public static double Layer(double x) => throw new NotImplementedException("Symbolic inlines this method's registered definition.");

    public static double Registered(double x) => Math.Sinh(x);

    [InlineDefinition(nameof(NeuronDefinition))]
    public static double Neuron(double weight, double input) => Math.Tanh(weight * input);

    public static System.Linq.Expressions.Expression<Func<double, double, double>> NeuronDefinition => (weight, input) => Math.Tanh(weight * input);

    [InlineDefinition(nameof(Cube))]
    public static double WronglyDefined(double x) => x;
}
