using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Dense;
using Symbolic.Differentiation;
using Symbolic.Graph;
using Symbolic.Runtime;
using Symbolic.Simplification;

namespace Symbolic.Pipeline;

/// <summary>
/// THE pass list of value-and-gradient: every gradient output (<c>Grad</c>, <c>GradientExpression</c>,
/// <c>ToCSharpGradient</c>, <c>CompileGradient</c>) runs these passes, in this order, and emits with the same
/// schedule options, so what prints is what runs. Only the sink differs (a new vector or the caller's buffer);
/// source output adds names and comments.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>frontend: reject-unsupported, fold-constant-members (the context's hooks, e.g. ParameterBlock dimensions), bind-names (Functions.Let, arrays built in the model), tuple-states (folds over tuples of doubles become folds over arrays), expand-linalg (expression → expression), then lower (→ IR;
/// user functions are inlined call by call inside lowering);</item>
/// <item>fold-constants;</item>
/// <item>recognize: contractions become matrix products (<see cref="ProductRecognition"/>), before reverse mode, so the
/// adjoints of a product are products (<see cref="TensorAdjoints"/>);</item>
/// <item>reverse: backpropagation, the value kept;</item>
/// <item>reuse-fold-steps: a fold's step value in its backward sweep reads the stored next state (<see cref="StoredStepValues"/>);</item>
/// <item>simplify: primal and adjoints together, so they share nodes;</item>
/// <item>recognize-adjoints: sums that reverse mode or simplification built and that are contractions;</item>
/// <item>reuse-grids: uses of a value a grid holds read the grid (<see cref="GridValueReuse"/>);</item>
/// <item>plan-folds: backward sweeps keep two rows of adjoints, and folds keep every k-th state if asked (<see cref="FoldStorage"/>);</item>
/// <item>plan-scatters: whole matrices of adjoints become kernel writes into the gradient (<see cref="MatrixScatter"/>);
/// element scatters that together write every entry they reach once are written, not added, carried over their loop (<see cref="CoveringScatter"/>);</item>
/// <item>block-rows: loops over rows whose rows compute exp-like functions run in blocks of rows, the functions vectorised over each block (<see cref="RowBlocking"/>);</item>
/// <item>schedule + emit: <see cref="ExpressionEmitter"/>, with <see cref="GradientProgram.Emit"/>.</item>
/// </list>
/// </remarks>
internal static class GradientPasses
{
    private const SimplificationLevel Level = SimplificationLevel.Algebraic;

    /// <summary>Runs the passes on f (a scalar function of its first parameter, any further parameters data).</summary>
    public static GradientProgram Run(CompilationContext context, LambdaExpression f, GradientPassOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(options);
        var trace = options.Trace;
        var m = ScalarModel.Lower(context, f, trace);
        var g = m.Graph;
        if (options.RecognizeProducts)
        {
            var recognized = ProductRecognition.Apply(g, [m.Value])[0];
            if (!ReferenceEquals(recognized, m.Value)) m = ScalarModel.Of(g, m.X, recognized);
            trace?.Record("recognize", GraphDump.Of([m.Value], ["value"]));
        }

        var (adjoints, scatters) = ReverseAccumulator.Backpropagate(g, [(m.Value, g.One)], m.Variables, m.IndexedVariables);
        Node[] roots = [m.Value, .. adjoints, .. scatters.Select(s => s.Adjoint)];
        Record(trace, "reverse", m, roots, scatters);

        // A checkpointed fold's next state is not at hand where its segment ends (the next segment's first state is a
        // checkpoint, not a row of the recomputed segment): its sweep recomputes the step's value instead.
        if (!options.Folds.Recomputes) roots = StoredStepValues.Apply(g, roots);
        Record(trace, "reuse-fold-steps", m, roots, scatters);

        roots = Simplifier.Simplify(g, roots, Level);
        Record(trace, "simplify", m, roots, scatters);

        if (options.RecognizeProducts)
        {
            roots = ProductRecognition.Apply(g, roots);
            Record(trace, "recognize-adjoints", m, roots, scatters);
            roots = GridValueReuse.Apply(g, roots);
            Record(trace, "reuse-grids", m, roots, scatters);
        }

        (roots, var folds) = FoldStorage.Apply(g, roots, options.Folds);
        trace?.Record("plan-folds", folds.Dump());

        var outputs = roots[..(1 + adjoints.Length)];
        var rebuilt = InvariantQuotients.Apply(g, [.. scatters.Select((s, k) => s with { Adjoint = roots[outputs.Length + k] })]);
        var (elements, matrices) = options.RecognizeProducts ? MatrixScatter.Split(rebuilt) : (rebuilt, []);
        var (marked, uncleared) = MatrixScatter.MarkOverwrites(matrices, elements, m.Variables.Select(v => v.Index), index => ConstantCount(g, index));
        var covering = CoveringScatter.Find(elements, m.Variables.Select(v => v.Index), marked, g.CountOf);
        trace?.Record("plan-scatters", GraphDump.Of([.. outputs, .. elements.Select(s => s.Adjoint), .. marked.Select(s => s.Tensor)],
            [.. RootNames(m, elements, covering), .. marked.Select(s => $"{(s.Overwrites ? "kernel-write" : "kernel-add")} {m.X.Name}[{Quote(s.View.Offset)} + r*{Quote(s.View.RowStride)} + c*{Quote(s.View.ColumnStride)}]")]));
        var blocks = g.ElementType.IsSingle ? RowBlockPlan.None : RowBlocking.Plan(g, [.. outputs, .. elements.Select(s => s.Adjoint)]);
        trace?.Record("block-rows", blocks.Dump());
        var emit = EmitOptions.Compiled with { VectorizeRowSums = options.RecognizeProducts, Buffers = context.Buffers, RowBlocks = blocks, Element = g.ElementType, Folds = folds };
        return new GradientProgram(m, outputs, elements, marked, uncleared, emit) { Covering = covering };
    }

    private static string Quote(Expression e) => Diagnostics.ExpressionQuoter.Quote(e);

    /// <summary>The count of a loop index when it is a constant (a range written with literal bounds).</summary>
    private static int? ConstantCount(NodeGraph graph, ParameterExpression index) =>
        graph.IsIndex(index) && LinqRuntime.Dimension(graph.CountOf(index)) is ConstantExpression { Value: int n } ? n : null;

    private static void Record(PassTrace? trace, string pass, ScalarModel m, Node[] roots, IReadOnlyList<Scatter> scatters)
    {
        if (trace is null) return;
        trace.Record(pass, GraphDump.Of(roots, [.. RootNames(m, scatters)]));
    }

    /// <summary>
    /// value, d/dx[i] for each variable, then d/dx[index expression] for each scattered adjoint — after
    /// plan-scatters marked <c>write</c> (stored once, carried over the loop) where a covering writes it.
    /// </summary>
    private static IEnumerable<string> RootNames(ScalarModel m, IReadOnlyList<Scatter> scatters, CoveringScatter? covering = null) =>
        [
            "value",
            .. m.Variables.Select(v => (covering is null ? "" : "write ") + $"d/d{m.X.Name}[{v.Index}]"),
            .. scatters.Select(s => (covering is null ? "" : $"write carried over {covering.Index.Name}: ") + $"d/d{m.X.Name}[{Quote(s.Element.Index)}]"),
        ];
}
