namespace Symbolic;

/// <summary>
/// Numerically stable building blocks, usable inside models (Symbolic knows their derivatives, which
/// are stable too: no ∞/∞, no NaN for large arguments) and as ordinary C# methods.
/// </summary>
/// <remarks>
/// Symbolic keeps calls to <see cref="Sigmoid"/>, <see cref="Softplus"/>, <see cref="LogSigmoid"/>,
/// <see cref="Hypot"/>, <see cref="Log1p"/>, <see cref="Expm1"/> and <see cref="Erf"/> in the compiled code
/// and differentiates them through their known derivatives (written with each other, so derivatives of
/// any order exist); <see cref="Sqr"/>, <see cref="Relu"/>, <see cref="LeakyRelu"/>, <see cref="Huber"/>
/// and <see cref="LogSumExp(double[])"/> are inlined as the expressions in their documentation.
/// </remarks>
public static class Functions
{
    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>x², inlined as x·x.</summary>
    /// <param name="x">The argument.</param>
    public static double Sqr(double x) => x * x;

    /// <summary>The logistic function 1/(1 + e⁻ˣ), without overflow: eˣ/(1 + eˣ) for negative x. Derivative σ(x)·σ(−x).</summary>
    /// <param name="x">The argument.</param>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>log(1 + eˣ) = max(x, 0) + log1p(e^−|x|): no overflow for large x, no loss for very negative x. Derivative σ(x).</summary>
    /// <param name="x">The argument.</param>
    public static double Softplus(double x) => Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>log σ(x) = −softplus(−x). Derivative σ(−x).</summary>
    /// <param name="x">The argument.</param>
    public static double LogSigmoid(double x) => -Softplus(-x);

    /// <summary>max(x, 0), inlined as <c>x &gt; 0 ? x : 0</c> (derivative 0 at 0).</summary>
    /// <param name="x">The argument.</param>
    public static double Relu(double x) => x > 0 ? x : 0;

    /// <summary>x for x &gt; 0, slope·x otherwise; inlined as <c>x &gt; 0 ? x : slope * x</c>.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="slope">The slope for x ≤ 0 (0.01 is common).</param>
    public static double LeakyRelu(double x, double slope) => x > 0 ? x : slope * x;

    /// <summary>√(x² + y²) without overflow or underflow. Partials x/h and y/h (0 at the origin, a subgradient).</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static double Hypot(double x, double y) => double.Hypot(x, y);

    /// <summary>log(1 + x), accurate for small x (Goldberg's correction: log(u)·x/(u − 1) with u = 1 + x). Derivative 1/(1 + x).</summary>
    /// <param name="x">The argument, at least −1.</param>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        if (u == 1 || double.IsPositiveInfinity(u)) return u == 1 ? x : u;
        return Math.Log(u) * (x / (u - 1));
    }

    /// <summary>eˣ − 1, accurate for small x (Kahan's correction: (u − 1)·x/log u with u = eˣ). Derivative eˣ.</summary>
    /// <param name="x">The argument.</param>
    public static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        if (um1 == -1 || double.IsPositiveInfinity(u)) return um1;
        return um1 * (x / Math.Log(u));
    }

    /// <summary>
    /// The error function, 2/√π ∫₀ˣ e^(−t²) dt. For |x| &lt; 3 the series 2x/√π·e^(−x²)·Σ (2x²)ⁿ/(1·3·…·(2n+1)),
    /// whose terms are all positive (no cancellation), summed with compensation; beyond, 1 − erfc(x) with
    /// erfc from its continued fraction. Within 1 ulp of reference values at the points tested.
    /// Derivative 2/√π·e^(−x²).
    /// </summary>
    /// <param name="x">The argument.</param>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        var a = Math.Abs(x);
        double value;
        if (a < 3)
        {
            // Kahan-compensated: the rounding of ~40 additions would otherwise cost 2–3 ulps.
            var (term, sum, compensation, twoXSquared) = (1.0, 1.0, 0.0, 2 * a * a);
            for (var n = 1; term > 1e-18 * sum; n++)
            {
                term *= twoXSquared / (2 * n + 1);
                var corrected = term - compensation;
                var next = sum + corrected;
                compensation = next - sum - corrected;
                sum = next;
            }
            value = TwoOverSqrtPi * a * Math.Exp(-a * a) * sum;
        }
        else
        {
            value = a > 6 ? 1 : 1 - Erfc(a);
        }
        return x < 0 ? -value : value;
    }

    /// <summary>erfc(a) for a ≥ 3: e^(−a²)/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + …)))), evaluated by Lentz's method.</summary>
    private static double Erfc(double a)
    {
        const double tiny = 1e-300;
        var f = a;
        var (c, d) = (a, 0.0);
        for (var n = 1; n < 200; n++)
        {
            var coefficient = n / 2.0;
            d = a + coefficient * d;
            d = d == 0 ? tiny : d;
            c = a + coefficient / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-17) break;
        }
        return Math.Exp(-a * a) / (f * Math.Sqrt(Math.PI));
    }

    /// <summary>
    /// |x| ≤ δ ? x²/2 : δ·(|x| − δ/2), the Huber loss; inlined as that conditional.
    /// </summary>
    /// <param name="x">The residual.</param>
    /// <param name="delta">Where the quadratic turns linear (δ &gt; 0).</param>
    public static double Huber(double x, double delta) => Math.Abs(x) <= delta ? 0.5 * x * x : delta * (Math.Abs(x) - 0.5 * delta);

    /// <summary>
    /// Names a value once for use many times in a model: <c>body(value)</c>. Inside a model the value is computed once,
    /// where the <c>Let</c> is, and the name reads it; <c>body</c> returns a double, or a double[] (a layer's
    /// activations, see <see cref="Let{TResult}(double[], Func{double[], TResult})"/>).
    /// </summary>
    /// <typeparam name="TResult">double or double[] inside a model.</typeparam>
    /// <param name="value">The value to name.</param>
    /// <param name="body">A lambda written inline, reading the value through its parameter.</param>
    public static TResult Let<TResult>(double value, Func<double, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body(value);
    }

    /// <summary>
    /// Names a vector once for use many times in a model: <c>body(value)</c>, e.g. a hidden layer
    /// <c>Let(Enumerable.Range(0, H).Select(j =&gt; Math.Tanh(…)).ToArray(), h =&gt; … h[k] …)</c>. Inside a model
    /// the vector is never allocated: a read <c>h[k]</c> is the element's expression at k (elements the body never
    /// reads are not computed), and sums over <c>h</c> are sums over its elements, so matrix products in it are
    /// still recognised. A read outside the vector throws <see cref="IndexOutOfRangeException"/>, as in C#.
    /// </summary>
    /// <typeparam name="TResult">double or double[] inside a model.</typeparam>
    /// <param name="value">The vector to name: <c>sequence.ToArray()</c>, <c>new[] { … }</c>, an array, or a method with an inline definition returning double[].</param>
    /// <param name="body">A lambda written inline, reading the vector through its parameter.</param>
    public static TResult Let<TResult>(double[] value, Func<double[], TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body(value);
    }

    /// <summary>
    /// log Σ e^(vᵢ), shifted by the maximum so nothing overflows: m + log Σ e^(vᵢ − m), m = max v; inlined as
    /// that LINQ expression (<c>v.Max() + Math.Log(v.Sum(t =&gt; Math.Exp(t - v.Max())))</c>). An empty array
    /// throws <see cref="InvalidOperationException"/>, as <c>Max</c> does.
    /// </summary>
    /// <param name="values">The values.</param>
    public static double LogSumExp(double[] values) => LogSumExp((IEnumerable<double>)values);

    /// <summary>log Σ e^(vᵢ) over a sequence, max-shifted; see <see cref="LogSumExp(double[])"/>.</summary>
    /// <param name="values">The values (a LINQ sequence inside a model).</param>
    public static double LogSumExp(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values as IReadOnlyList<double> ?? [.. values];
        var max = list.Max();
        if (double.IsInfinity(max)) return max;
        return max + Math.Log(list.Sum(v => Math.Exp(v - max)));
    }
}
