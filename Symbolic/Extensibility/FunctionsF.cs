namespace Symbolic;

/// <summary>
/// <see cref="Functions"/> in float, for float models — as <see cref="MathF"/> is <see cref="Math"/> in float. The same
/// stability over float's range (no overflow, no ∞/∞, no loss for small arguments), and the same derivative rules,
/// written in float.
/// </summary>
/// <remarks>
/// A class of its own rather than overloads on <see cref="Functions"/>: C# prefers a float overload for an integer
/// argument, so <c>Functions.Sigmoid(-700)</c> would silently have become a float call (0 rather than e⁻⁷⁰⁰).
/// <see cref="Sigmoid"/>, <see cref="Softplus"/>, <see cref="LogSigmoid"/>, <see cref="Hypot"/>, <see cref="Log1p"/>,
/// <see cref="Expm1"/> and <see cref="Erf"/> stay calls in compiled code; <see cref="Sqr"/>, <see cref="Relu"/>,
/// <see cref="LeakyRelu"/>, <see cref="Huber"/> and <see cref="LogSumExp(float[])"/> are inlined.
/// </remarks>
public static class FunctionsF
{
    /// <summary>x², inlined as x·x.</summary>
    /// <param name="x">The argument.</param>
    public static float Sqr(float x) => x * x;

    /// <summary>The logistic function 1/(1 + e⁻ˣ), without overflow: eˣ/(1 + eˣ) for negative x. Derivative σ(x)·σ(−x).</summary>
    /// <param name="x">The argument.</param>
    public static float Sigmoid(float x) => x >= 0 ? 1 / (1 + MathF.Exp(-x)) : MathF.Exp(x) / (1 + MathF.Exp(x));

    /// <summary>log(1 + eˣ) = max(x, 0) + log1p(e^−|x|): no overflow for large x, no loss for very negative x. Derivative σ(x).</summary>
    /// <param name="x">The argument.</param>
    public static float Softplus(float x) => MathF.Max(x, 0) + Log1p(MathF.Exp(-MathF.Abs(x)));

    /// <summary>log σ(x) = −softplus(−x). Derivative σ(−x).</summary>
    /// <param name="x">The argument.</param>
    public static float LogSigmoid(float x) => -Softplus(-x);

    /// <summary>max(x, 0), inlined as <c>x &gt; 0 ? x : 0</c> (derivative 0 at 0).</summary>
    /// <param name="x">The argument.</param>
    public static float Relu(float x) => x > 0 ? x : 0;

    /// <summary>x for x &gt; 0, slope·x otherwise; inlined as <c>x &gt; 0 ? x : slope * x</c>.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="slope">The slope for x ≤ 0.</param>
    public static float LeakyRelu(float x, float slope) => x > 0 ? x : slope * x;

    /// <summary>√(x² + y²) without overflow or underflow. Partials x/h and y/h (0 at the origin).</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static float Hypot(float x, float y) => float.Hypot(x, y);

    /// <summary>log(1 + x), accurate for small x (Goldberg's correction, in float). Derivative 1/(1 + x).</summary>
    /// <param name="x">The argument, at least −1.</param>
    public static float Log1p(float x)
    {
        var u = 1 + x;
        if (u == 1 || float.IsPositiveInfinity(u)) return u == 1 ? x : u;
        return MathF.Log(u) * (x / (u - 1));
    }

    /// <summary>eˣ − 1, accurate for small x (Kahan's correction, in float). Derivative eˣ.</summary>
    /// <param name="x">The argument.</param>
    public static float Expm1(float x)
    {
        var u = MathF.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        if (um1 == -1 || float.IsPositiveInfinity(u)) return um1;
        return um1 * (x / MathF.Log(u));
    }

    /// <summary>
    /// The error function, <see cref="Functions.Erf"/> rounded to float: the double series and continued fraction are
    /// within an ulp of double, so the float result is the nearest float or next to it. Derivative 2/√π·e^(−x²).
    /// </summary>
    /// <param name="x">The argument.</param>
    public static float Erf(float x) => (float)Functions.Erf(x);

    /// <summary>|x| ≤ δ ? x²/2 : δ·(|x| − δ/2), the Huber loss; inlined as that conditional.</summary>
    /// <param name="x">The residual.</param>
    /// <param name="delta">Where the quadratic turns linear (δ &gt; 0).</param>
    public static float Huber(float x, float delta) => MathF.Abs(x) <= delta ? 0.5f * x * x : delta * (MathF.Abs(x) - 0.5f * delta);

    /// <summary>log Σ e^(vᵢ), max-shifted (m + log Σ e^(vᵢ − m)); inlined as that LINQ expression in float.</summary>
    /// <param name="values">The values.</param>
    public static float LogSumExp(float[] values) => LogSumExp((IEnumerable<float>)values);

    /// <summary>log Σ e^(vᵢ) over a sequence, max-shifted; see <see cref="LogSumExp(float[])"/>.</summary>
    /// <param name="values">The values (a LINQ sequence inside a model).</param>
    public static float LogSumExp(IEnumerable<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values as IReadOnlyList<float> ?? [.. values];
        var max = list.Max();
        if (float.IsInfinity(max)) return max;
        return max + MathF.Log(list.Sum(v => MathF.Exp(v - max)));
    }

    /// <summary>
    /// <see cref="Functions.Let{TResult}(double, Func{double, TResult})"/> in float: names a float value once for use many
    /// times in a float model, <c>body(value)</c>; inside a model the value is computed once, where the <c>Let</c> is.
    /// </summary>
    /// <typeparam name="TResult">float or float[] inside a float model.</typeparam>
    /// <param name="value">The value to name.</param>
    /// <param name="body">A lambda written inline, reading the value through its parameter.</param>
    public static TResult Let<TResult>(float value, Func<float, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body(value);
    }

    /// <summary>
    /// <see cref="Functions.Let{TResult}(double[], Func{double[], TResult})"/> in float: names a float vector (a layer's
    /// activations) once for use many times; inside a model it is never allocated, a read <c>h[k]</c> is the element's
    /// expression at k, and matrix products in it are still recognised.
    /// </summary>
    /// <typeparam name="TResult">float or float[] inside a float model.</typeparam>
    /// <param name="value">The vector to name: <c>sequence.ToArray()</c>, <c>new[] { … }</c>, an array, or a method with an inline definition returning float[].</param>
    /// <param name="body">A lambda written inline, reading the vector through its parameter.</param>
    public static TResult Let<TResult>(float[] value, Func<float[], TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body(value);
    }
}
