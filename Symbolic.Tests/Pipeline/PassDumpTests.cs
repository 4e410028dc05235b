using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Symbolic.Graph;
using Symbolic.Pipeline;

namespace Symbolic.Tests.Pipeline;

/// <summary>
/// Print-after-each-pass: every pass of the gradient pass list dumps the IR it produced, and tests of a pass
/// read that dump (FileCheck style), never the pass's private members.
/// </summary>
public class PassDumpTests
{
    private static readonly Expression<Func<double[], double[][], double>> Layer = new DenseModel(Inputs: 4, Hidden: 3, Activation: 0).ToLambda();

    private static PassTrace Trace(LambdaExpression f, bool recognizeProducts = true)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(recognizeProducts, trace));
        return trace;
    }

    [Fact]
    public void The_passes_run_in_the_listed_order()
    {
        Assert.Equal(
            ["frontend.reject-unsupported", "frontend.fold-constant-members", "frontend.bind-names", "frontend.tuple-states", "frontend.expand-linalg", "frontend.batch-folds", "lower", "fold-constants",
             "recognize", "reverse", "reuse-fold-steps", "simplify", "recognize-adjoints", "reuse-grids", "plan-folds", "plan-scatters", "block-rows"],
            Trace(Layer).Passes);
    }

    [Fact]
    public void After_recognition_the_hidden_layer_is_a_matrix_product()
    {
        var trace = Trace(Layer);

        Assert.DoesNotContain("matmul", trace.After("lower"));
        Assert.Matches(@"= sum \w+ < 4: %\d+", trace.After("lower"));        // Σₖ W[j, k]·x[k], as written
        Assert.Matches(@"= matmul %\d+ %\d+ᵀ?\n", trace.After("recognize"));
        Assert.Matches(@"= read %\d+\[\w+(, \w+)?\]", trace.After("recognize"));
        // The weight matrix's gradient is one kernel call into the gradient, not a scatter loop.
        Assert.Matches(@"kernel-(write|add) p\[", trace.After("plan-scatters"));
    }

    [Fact]
    public void Without_recognition_no_pass_makes_a_product()
    {
        var trace = Trace(Layer, recognizeProducts: false);

        Assert.DoesNotContain("recognize", trace.Passes);
        Assert.All(trace.Entries, e => Assert.DoesNotContain("matmul", e.Dump));
    }

    [Fact]
    public void After_constant_folding_x_minus_x_is_gone()
    {
        Expression<Func<double[], double>> f = x => Math.Sqrt(x[0] - x[0]) + x[1];
        var trace = Trace(f);

        Assert.Contains("= subtract %0 %0", trace.After("lower"));
        Assert.DoesNotContain("subtract", trace.After("fold-constants"));
    }

    [Fact]
    public void After_simplification_equal_terms_are_one_product()
    {
        Expression<Func<double[], double>> f = x => x[0] * x[1] + x[1] * x[0];
        var trace = Trace(f);

        Assert.Equal("add", RootOperation(trace.After("fold-constants"), "value"));
        Assert.Equal("multiply", RootOperation(trace.After("simplify"), "value"));   // 2·x[0]·x[1]
    }

    [Fact]
    public void The_dump_numbers_nodes_by_position_so_equal_graphs_dump_alike()
    {
        var x = Expression.Parameter(typeof(double[]), "x");
        var (first, second) = (new NodeGraph(), new NodeGraph());
        second.Constant(42);                                     // ids shift in the second graph
        Node Model(NodeGraph g) => g.Multiply(g.Element(x, 0), g.Unary(UnaryOp.Sin, g.Element(x, 0)));

        var dump = GraphDump.Of([Model(first)]);

        Assert.Equal("%0 = elem x[0]\n%1 = sin %0\n%2 = multiply %0 %1\nout0 = %2\n", dump);
        Assert.Equal(dump, GraphDump.Of([Model(second)]));
    }

    [Fact]
    public void A_pass_that_did_not_run_is_named_with_those_that_did()
    {
        Expression<Func<double[], double>> f = x => x[0];
        var trace = Trace(f, recognizeProducts: false);

        var error = Assert.Throws<KeyNotFoundException>(() => trace.After("recognize"));
        Assert.Contains("'recognize'", error.Message);
        Assert.Contains("simplify", error.Message);
    }

    /// <summary>The operation of the node a root names: <c>value = %5</c>, then <c>%5 = mul ...</c>.</summary>
    private static string RootOperation(string dump, string root)
    {
        var node = Regex.Match(dump, $@"^{Regex.Escape(root)} = (%\d+)$", RegexOptions.Multiline).Groups[1].Value;
        return Regex.Match(dump, $@"^{node} = (\S+)", RegexOptions.Multiline).Groups[1].Value;
    }
}
