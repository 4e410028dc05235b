using System.Linq.Expressions;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Symbolic.Graph;
using Symbolic.Tests.Oracles;
using Symbolic.Tests.Properties;

namespace Symbolic.Tests.Generators;

/// <summary>The generator does what the properties rely on: every operation, domain safety, bounded depth, usable points.</summary>
public class GeneratorTests
{
    private static readonly string[] SupportedMathMethods =
    [
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Atan2", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh", "Atanh",
        "Exp", "Log/1", "Log/2", "Log10", "Log2", "Sqrt", "Cbrt", "Pow", "Abs", "Max", "Min", "Sign", "Floor", "Ceiling", "Round", "Truncate",
    ];

    private static readonly ExpressionType[] SupportedNodeTypes =
    [
        ExpressionType.Add, ExpressionType.Subtract, ExpressionType.Multiply, ExpressionType.Divide, ExpressionType.Negate,
        ExpressionType.Conditional, ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan,
        ExpressionType.GreaterThanOrEqual, ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.AndAlso,
        ExpressionType.OrElse, ExpressionType.Not, ExpressionType.Convert, ExpressionType.MemberAccess, ExpressionType.Constant,
    ];

    private static List<GeneratedFunction> Sample(int count) => [.. FunctionArbitrary.Generator(1, 4).Sample(size: 100, numberOfSamples: count)];

    [Fact]
    public void Every_supported_operation_appears_in_generated_models()
    {
        var seen = new OperationCollector();
        foreach (var f in Sample(2000)) seen.Visit(f.Lambda);

        Assert.Empty(SupportedMathMethods.Except(seen.MathMethods));
        Assert.Empty(SupportedNodeTypes.Except(seen.NodeTypes));
        Assert.Contains("Pow with a varying exponent", seen.Shapes);
        Assert.Contains("Pow with a captured exponent", seen.Shapes);
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(OneToFourVariables)])]
    public void Generated_models_and_all_their_partials_are_finite_at_every_sample_point(GeneratedFunction f)
    {
        foreach (var point in f.Points)
            for (var i = 0; i < f.Arity; i++)
            {
                var result = DualInterpreter.Evaluate(f.Lambda, point, first: i, second: i).Number;
                Assert.True(double.IsFinite(result.Value) && double.IsFinite(result.D1) && double.IsFinite(result.D12), $"{f}: {result} for x{i}");
            }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(OneToFourVariables)])]
    public void Every_shrink_is_domain_safe_too(GeneratedFunction f)
    {
        foreach (var shrunk in TermShrinker.Shrink(f.Body).Select(f.With))
            foreach (var point in shrunk.Points)
                Assert.True(double.IsFinite(DualInterpreter.Evaluate(shrunk.Lambda, point).Number.Value), $"{shrunk} (shrunk from {f})");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(OneToFourVariables)])]
    public void Models_are_at_most_the_maximum_depth_of_forms_and_conditionals(GeneratedFunction f)
    {
        Assert.InRange(Depth(f.Body), 0, TermGenerator.MaximumDepth);
    }

    [Fact]
    public void Most_sample_points_are_clear_of_kinks_and_most_finite_differences_there_are_trusted()
    {
        var (points, smooth, trusted) = (0, 0, 0);
        foreach (var f in Sample(500))
        {
            var model = CompiledBothWays.Untyped(f.Lambda.Compile());
            points += f.Points.Count;
            foreach (var point in f.SmoothPoints)
            {
                smooth++;
                if (FiniteDifferenceChecks.Trust(f.Lambda, point, 0, FiniteDifference.Partial(model, point, 0))) trusted++;
            }
        }

        // Measured: 96% and 96%. Far lower would make the properties check little.
        Assert.True(smooth >= 0.9 * points, $"{smooth} of {points} points are clear of kinks");
        Assert.True(trusted >= 0.85 * smooth, $"finite differences are trusted at {trusted} of {smooth} points");
    }

    [Fact]
    public void A_shrink_replaces_a_subtree_by_one_of_its_operands()
    {
        var sin = SafeForms.All.Single(s => s.Name == "sin u");
        var sum = SafeForms.All.Single(s => s.Name == "u + v");
        var x = new VariableTerm(0);
        var captured = new CapturedTerm(0.5);
        var inner = new FormTerm(sum, 0, [x, captured]);
        var term = new FormTerm(sin, 0, [inner]);

        var shrinks = TermShrinker.Shrink(term).ToList();

        Assert.Equal(inner, shrinks[0]);
        Assert.Contains(shrinks, s => s is FormTerm { Operands: [VariableTerm] } f && f.Form == sin);
        Assert.Contains(shrinks, s => s is FormTerm { Operands: [FormTerm { Operands: [_, ConstantTerm { Value: 0.5 }] }] });
    }

    private static int Depth(Term term) => term switch
    {
        FormTerm f => 1 + f.Operands.Select(Depth).DefaultIfEmpty(0).Max(),
        ConditionalTerm c => 1 + new[] { Depth(c.Test), Depth(c.IfTrue), Depth(c.IfFalse) }.Max(),
        _ => 0,
    };

    private static int Depth(Condition condition) => condition switch
    {
        ComparisonCondition c => Math.Max(Depth(c.Left), Depth(c.Right)),
        LogicalCondition l => Math.Max(Depth(l.Left), Depth(l.Right)),
        NotCondition n => Depth(n.Operand),
        _ => 0,
    };

    private sealed class OperationCollector : ExpressionVisitor
    {
        public HashSet<string> MathMethods { get; } = [];
        public HashSet<ExpressionType> NodeTypes { get; } = [];
        public HashSet<string> Shapes { get; } = [];

        public override Expression? Visit(Expression? node)
        {
            if (node is not null) NodeTypes.Add(node.NodeType);
            return base.Visit(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Math))
                MathMethods.Add(node.Method.Name == nameof(Math.Log) ? $"Log/{node.Arguments.Count}" : node.Method.Name);
            if (node.Method.Name == nameof(Math.Pow) && node.Arguments[1] is MemberExpression) Shapes.Add("Pow with a captured exponent");
            if (node.Method.Name == nameof(Math.Pow) && node.Arguments[1] is MethodCallExpression) Shapes.Add("Pow with a varying exponent");
            return base.VisitMethodCall(node);
        }
    }
}
