using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Extensibility;

namespace Symbolic;

/// <summary>
/// Derivative rules for users' own methods: registered here with their partial derivatives as lambdas,
/// or inlined from a lambda that defines them. Thread-safe. <see cref="Default"/> is what
/// <see cref="Calculus"/> uses; a new registry falls back to its parent (the default one unless given),
/// so a scope can add or override rules without touching anyone else's — pass it to the
/// <see cref="Calculus"/> overloads that take one. A registry is never ambient: the compilation that
/// uses it receives it as an argument, so it cannot leak into other threads or async flows.
/// </summary>
/// <remarks>
/// Lookup order for a method: this registry, its parents, the method's <see cref="DerivativeAttribute"/>,
/// then <see cref="Functions"/>. A registered rule is trusted, not proved: check it with
/// <see cref="Verification.GradCheck"/> in your tests.
/// </remarks>
public sealed partial class DerivativeRegistry
{
    private static long _nextId;
    // A logical clock of definitions (any registry): compiled code records it, and is stale once a method it
    // depends on is defined at a later tick. A counter, not a setting: it changes what is cached, never a result.
    private static long _definitionClock;

    private readonly ConcurrentDictionary<MethodInfo, CallRule> _rules = new();
    private readonly ConcurrentDictionary<MethodInfo, long> _definedAt = new();
    private readonly DerivativeRegistry? _parent;
    private readonly long _id = Interlocked.Increment(ref _nextId);

    /// <summary>The registry <see cref="Calculus"/> uses when none is passed.</summary>
    public static DerivativeRegistry Default { get; } = new(parent: null, isDefault: true);

    /// <summary>A registry whose lookups fall back to <see cref="Default"/>.</summary>
    public DerivativeRegistry() : this(Default, isDefault: false) { }

    /// <summary>A registry whose lookups fall back to <paramref name="parent"/>.</summary>
    /// <param name="parent">Where rules not defined here are looked up.</param>
    public DerivativeRegistry(DerivativeRegistry parent) : this(parent ?? throw new ArgumentNullException(nameof(parent)), isDefault: false) { }

    private DerivativeRegistry(DerivativeRegistry? parent, bool isDefault)
    {
        _parent = isDefault ? null : parent;
        CacheScope = _parent is null ? $"{_id}" : $"{_id}/{_parent.CacheScope}";
    }

    /// <summary>Defines the derivative of a static method of one double, e.g. <c>Define(x =&gt; SoftClip(x), x =&gt; 1 - Math.Tanh(x) * Math.Tanh(x))</c>.</summary>
    /// <param name="function">A lambda that only calls the method with its parameter.</param>
    /// <param name="derivative">The derivative, as a function of the same parameter.</param>
    public void Define(Expression<Func<double, double>> function, Expression<Func<double, double>> derivative) =>
        Add(new DifferentiatedCall(CalledMethod(function), [derivative ?? throw new ArgumentNullException(nameof(derivative))], IsPure: false));

    /// <summary>Defines the partial derivatives of a static method of two doubles.</summary>
    /// <param name="function">A lambda that only calls the method with its parameters, in order: <c>(x, y) =&gt; F(x, y)</c>.</param>
    /// <param name="partialFirst">∂F/∂x as a function of (x, y).</param>
    /// <param name="partialSecond">∂F/∂y as a function of (x, y).</param>
    public void Define(Expression<Func<double, double, double>> function,
        Expression<Func<double, double, double>> partialFirst, Expression<Func<double, double, double>> partialSecond) =>
        Add(new DifferentiatedCall(CalledMethod(function),
            [partialFirst ?? throw new ArgumentNullException(nameof(partialFirst)), partialSecond ?? throw new ArgumentNullException(nameof(partialSecond))], IsPure: false));

    /// <summary>
    /// Defines a static method of one double by a lambda that Symbolic inlines wherever the method is
    /// called in a model, so models can be factored into reusable pieces.
    /// </summary>
    /// <param name="function">A lambda that only calls the method with its parameter.</param>
    /// <param name="definition">The method's body, as a lambda of the same parameter.</param>
    public void DefineInline(Expression<Func<double, double>> function, Expression<Func<double, double>> definition) =>
        AddInline(new InlinedCall(CalledMethod(function), definition ?? throw new ArgumentNullException(nameof(definition))));

    /// <summary>Defines a static method of two doubles by a lambda that Symbolic inlines.</summary>
    /// <param name="function">A lambda that only calls the method with its parameters, in order.</param>
    /// <param name="definition">The method's body, as a lambda of the same parameters.</param>
    public void DefineInline(Expression<Func<double, double, double>> function, Expression<Func<double, double, double>> definition) =>
        AddInline(new InlinedCall(CalledMethod(function), definition ?? throw new ArgumentNullException(nameof(definition))));

    /// <summary>Whether calls to <paramref name="method"/> can be differentiated with this registry.</summary>
    /// <param name="method">A static method.</param>
    public bool Knows(MethodInfo method) => Find(method ?? throw new ArgumentNullException(nameof(method))) is not null;

    /// <summary>The rule for a method: this registry, its parents, the method's attribute, the built-in functions.</summary>
    internal CallRule? Find(MethodInfo method)
    {
        for (var registry = this; registry is not null; registry = registry._parent)
            if (registry._rules.TryGetValue(method, out var rule)) return rule;
        if (this != Default && Default._rules.TryGetValue(method, out var global)) return global;
        return AttributeRules.For(method) ?? BuiltInRules.For(method);
    }

    /// <summary>
    /// Identifies this registry and its parents, for caches of compiled code. Not their rules' state: cached
    /// code records <see cref="DefinitionClock"/> and asks <see cref="RedefinedSince"/> whether it is stale.
    /// </summary>
    internal string CacheScope { get; }

    /// <summary>The tick of the latest definition in any registry (read before compiling: see <see cref="RedefinedSince"/>).</summary>
    internal static long DefinitionClock => Interlocked.Read(ref _definitionClock);

    /// <summary>
    /// Whether <paramref name="method"/> was defined after tick <paramref name="tick"/> in this registry, a parent, or
    /// <see cref="Default"/> (every lookup may reach them): code compiled at that tick may not have seen the rule.
    /// </summary>
    /// <param name="method">A method the compiled model depends on.</param>
    /// <param name="tick">The <see cref="DefinitionClock"/> read before compiling.</param>
    internal bool RedefinedSince(MethodInfo method, long tick)
    {
        for (var registry = this; registry is not null; registry = registry._parent)
            if (registry._definedAt.TryGetValue(method, out var at) && at > tick) return true;
        return Default._definedAt.TryGetValue(method, out var global) && global > tick;
    }

    /// <summary>Adds an inline definition unless it would call itself through this registry's rules (it would expand forever).</summary>
    private void AddInline(InlinedCall rule)
    {
        if (InlineCycles.Find(rule.Method, method => method == rule.Method ? rule : Find(method), new HashSet<MethodInfo>()) is { } cycle)
            throw new ArgumentException($"The inline definition of {rule.Method.DeclaringType?.Name}.{rule.Method.Name} calls itself ({InlineCycles.Describe(cycle)}): "
                + $"a definition is expanded where it is called, so it cannot recurse. Definition: {Diagnostics.ExpressionQuoter.Quote(rule.Definition)}", "definition");
        Add(rule);
    }

    private void Add(CallRule rule)
    {
        // The rule first, then its tick: code compiled at a tick at or past this one has seen the rule.
        _rules[rule.Method] = rule;
        _definedAt[rule.Method] = Interlocked.Increment(ref _definitionClock);
    }

    /// <summary>The static method a lambda calls with exactly its own parameters, in order.</summary>
    private static MethodInfo CalledMethod(LambdaExpression function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.Body is MethodCallExpression { Object: null, Method: var method } call
            && method.ReturnType == function.ReturnType
            && call.Arguments.Count == function.Parameters.Count
            && call.Arguments.Select((a, k) => a == function.Parameters[k]).All(same => same))
            return method;
        throw new ArgumentException(
            $"The function must be a lambda that calls one static method with its parameters in order, such as x => SoftClip(x); got {function}.",
            nameof(function));
    }
}
