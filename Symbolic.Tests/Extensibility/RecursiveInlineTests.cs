using System.Linq.Expressions;

namespace Symbolic.Tests.Extensibility;

/// <summary>
/// Inline definitions that call themselves, directly or through each other, are refused with the cycle named
/// (an inline definition is expanded in place: a recursive one would grow until the process dies). Every test
/// is bounded even if the detection regresses: registrations are refused before any model is lowered, and
/// definitions that reach lowering carry an <see cref="ExpansionBudget"/> that stops the expansion after a
/// thousand rounds rather than exhausting memory.
/// </summary>
public class RecursiveInlineTests
{
    private static double Self(double x) => x;
    private static double Ping(double x) => x;
    private static double Pong(double x) => x;
    private static double Pang(double x) => x;

    [InlineDefinition(nameof(EvenDefinition))]
    private static double Even(double x) => x;

    [InlineDefinition(nameof(OddDefinition))]
    private static double Odd(double x) => x;

    // Even → Odd → Even through attributes, with a budget in each expansion (see the class comment).
    private static readonly ExpansionBudget AttributeBudget = new(1000);
    private static Expression<Func<double, double>> EvenDefinition => Budgeted(x => Odd(x) * 2, AttributeBudget);
    private static Expression<Func<double, double>> OddDefinition => x => Even(x) + 1;

    [Fact]
    public void An_inline_definition_that_calls_its_own_method_is_refused_when_registered()
    {
        var registry = new DerivativeRegistry();

        var error = Assert.Throws<ArgumentException>(() => registry.DefineInline(x => Self(x), x => Self(x) + 1));

        Assert.Equal("definition", error.ParamName);
        Assert.Contains("RecursiveInlineTests.Self → RecursiveInlineTests.Self", error.Message);
        Assert.False(registry.Knows(typeof(RecursiveInlineTests).GetMethod(nameof(Self), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!));
    }

    [Fact]
    public void Inline_definitions_that_call_each_other_are_refused_naming_the_cycle()
    {
        var registry = new DerivativeRegistry();
        registry.DefineInline(x => Ping(x), x => Pong(x) * 2);
        registry.DefineInline(x => Pong(x), x => Pang(Math.Sin(x)));

        var error = Assert.Throws<ArgumentException>(() => registry.DefineInline(x => Pang(x), x => Ping(x) + 1));

        Assert.Contains("RecursiveInlineTests.Pang → RecursiveInlineTests.Ping → RecursiveInlineTests.Pong → RecursiveInlineTests.Pang", error.Message);
    }

    [Fact]
    public void Attribute_inline_definitions_that_call_each_other_are_refused_when_a_model_uses_them()
    {
        Expression<Func<double[], double>> f = x => Even(x[0]) * x[1];

        var error = Assert.Throws<NotSupportedException>(() => f.Grad());

        Assert.Contains("RecursiveInlineTests.Even → RecursiveInlineTests.Odd → RecursiveInlineTests.Even", error.Message);
        Assert.Contains("Even(x[0])", error.Message);
    }

    [Fact]
    public void A_cycle_closed_across_a_registry_and_its_parent_is_refused_when_a_model_uses_it()
    {
        // Neither registration sees the cycle: the child's Ping calls Pong, which the parent defines afterwards.
        var parent = new DerivativeRegistry();
        var child = new DerivativeRegistry(parent);
        child.DefineInline(x => Ping(x), Budgeted(x => Pong(x) * 2, new ExpansionBudget(1000)));
        parent.DefineInline(x => Pong(x), x => Ping(x) + 1);
        Expression<Func<double[], double>> f = x => Ping(x[0]);

        var error = Assert.Throws<NotSupportedException>(() => f.CompileGradient(child));

        Assert.Contains("RecursiveInlineTests.Ping → RecursiveInlineTests.Pong → RecursiveInlineTests.Ping", error.Message);
    }

    [Fact]
    public void Inline_definitions_that_share_a_callee_without_a_cycle_still_work()
    {
        // Ping and Pong both call Pang (a diamond, not a cycle): d/dx (2·sin x + (sin x + 1)) = 3·cos x.
        var registry = new DerivativeRegistry();
        registry.DefineInline(x => Pang(x), x => Math.Sin(x));
        registry.DefineInline(x => Pong(x), x => Pang(x) + 1);
        registry.DefineInline(x => Ping(x), x => 2 * Pang(x) + Pong(x));
        Expression<Func<double, double>> f = x => Ping(x);

        var derivative = f.Diff(registry).Compile();

        Assert.Equal(3 * Math.Cos(0.7), derivative(0.7), 12);
    }

    /// <summary><paramref name="definition"/> plus a zero that counts how often it is expanded.</summary>
    private static Expression<Func<double, double>> Budgeted(Expression<Func<double, double>> definition, ExpansionBudget budget) =>
        Expression.Lambda<Func<double, double>>(Expression.Add(definition.Body, budget), definition.Parameters);

    /// <summary>
    /// A node that counts the visits of expression visitors (each inline expansion visits the definition once)
    /// and throws after <c>limit</c>: a regression in cycle detection fails the test instead of eating memory.
    /// </summary>
    private sealed class ExpansionBudget(int limit) : Expression
    {
        private int _visits;

        public override ExpressionType NodeType => ExpressionType.Extension;

        public override Type Type => typeof(double);

        protected override Expression VisitChildren(ExpressionVisitor visitor) =>
            Interlocked.Increment(ref _visits) > limit ? throw new InvalidOperationException($"Expanded more than {limit} times: the cycle was not detected.") : this;
    }
}
