using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Differentiation;
using Symbolic.Graph;
using Symbolic.Lowering;
using Symbolic.Simplification;
using static Symbolic.Pipeline.RecipeSupport;

namespace Symbolic.Pipeline;

/// <summary>
/// The recipes behind gradient relatives — gradients of scalars, Jacobians, Hessians and their products: lower f
/// with the elements of its first (double[]) parameter as variables, apply reverse and/or forward mode in the
/// same graph, simplify everything together (so primal and adjoint share nodes), emit one SSA block.
/// Value-and-gradient itself is <see cref="GradientPasses"/> and <see cref="GradientOutputs"/>.
/// </summary>
internal static class GradientRecipes
{
    private const SimplificationLevel Level = SimplificationLevel.Algebraic;

    /// <summary>
    /// Backpropagation including loops, simplified: the value (when asked for), the constant-index
    /// adjoints, and the scattered ones.
    /// </summary>
    private static (Node[] Outputs, IReadOnlyList<Scatter> Scatters) SimplifiedGradient(ScalarModel m, bool withValue)
    {
        var (adjoints, scatters) = ReverseAccumulator.Backpropagate(m.Graph, [(m.Value, m.Graph.One)], m.Variables, m.IndexedVariables);
        Node[] outputs = withValue ? [m.Value, .. adjoints] : adjoints;
        var simplified = Simplified(m.Graph, [.. outputs, .. scatters.Select(s => s.Adjoint)]);
        var rebuilt = scatters.Select((s, k) => s with { Adjoint = simplified[outputs.Length + k] }).ToList();
        return (simplified[..outputs.Length], rebuilt);
    }

    private static ScatterPlan? PlanFor(NodeGraph graph, Expression target, IReadOnlyList<Scatter> scatters) =>
        scatters.Count == 0 ? null : new ScatterPlan(target, scatters, graph.CountOf, graph.DepthOf);

    /// <summary>Refuses a dense rows × columns result that no array can hold (the sizes are lower bounds the model's indices imply).</summary>
    private static void RequireDenseFits(LambdaExpression f, string result, long rows, long columns)
    {
        if (rows * columns > Array.MaxLength) throw Diagnostics.Errors.DenseResultTooLarge(f, result, rows, columns, nameof(f));
    }

    private static void RequireNoLoops(bool hasLoops, string what)
    {
        if (hasLoops)
            throw new NotSupportedException($"{what} of a model that reads x at a loop-dependent or data-dependent index (x[i] inside Sum/Select/Zip, x[idx[i]]) is not supported yet; Grad and CompileGradient are.");
    }

    /// <summary>Backpropagation: ∂f/∂x[i] for every element read, by one reverse sweep (models without loops over x).</summary>
    private static Node[] Gradient(ScalarModel m) => ReverseAccumulator.Adjoints(m.Graph, [(m.Value, m.Graph.One)], m.Variables);

    private static Node[] Simplified(NodeGraph graph, IReadOnlyList<Node> nodes) => Simplifier.Simplify(graph, nodes, Level);

    private static Expression Emit(NodeGraph graph, IReadOnlyList<Node> outputs, Func<IReadOnlyList<Expression>, ProcedureShape> result, ScatterPlan? scatters = null, EmitOptions? options = null) =>
        ExpressionEmitter.Emit(outputs, (options ?? EmitOptions.FastFused) with { Element = graph.ElementType }, result, scatters);

    /// <summary>The gradient of a function of 2 to 4 doubles (or floats, in float), as a tuple.</summary>
    public static LambdaExpression GradOfScalars(CompilationContext context, LambdaExpression f)
    {
        var graph = new NodeGraph(ElementType.Of(f.ReturnType) ?? ElementType.Double);
        var value = Simplifier.FoldConstants(graph, [ExpressionLowerer.Lower(graph, f, context.Frontend)], Level)[0];
        var variables = f.Parameters.Select(p => (Node)graph.Variable(p)).ToList();
        var gradient = Simplified(graph, ReverseAccumulator.Adjoints(graph, [(value, graph.One)], variables));
        var tupleType = ResultShapes.TupleOf([.. gradient.Select(_ => (Expression)graph.ElementType.Constant(0.0))]).Type;
        var delegateType = Expression.GetFuncType([.. f.Parameters.Select(p => p.Type), tupleType]);
        return Expression.Lambda(delegateType, Emit(graph, gradient, ResultShapes.Tuple, options: EmitOptions.Compiled), f.Parameters);
    }

    /// <summary>
    /// The Hessian by forward-over-reverse: the gradient's nodes, differentiated forward once per
    /// variable j, for rows i ≥ j only (symmetry); entries that are structurally zero are never built.
    /// </summary>
    private static (ScalarModel Model, List<(int Row, int Column, Node Value)> Lower) HessianTriangle(CompilationContext context, LambdaExpression f)
    {
        var m = ScalarModel.Lower(context, f);
        RequireNoLoops(m.HasLoops, "The Hessian");
        var gradient = Simplified(m.Graph, Gradient(m));
        var entries = new List<(int, int, Node)>();
        for (var j = 0; j < m.Variables.Count; j++)
        {
            var rows = Enumerable.Range(j, m.Variables.Count - j).ToList();
            var seeds = new Dictionary<Node, Node> { [m.Variables[j]] = m.Graph.One };
            var column = ForwardDifferentiator.TangentsOrNull(m.Graph, [.. rows.Select(i => gradient[i])], seeds);
            for (var k = 0; k < rows.Count; k++)
                if (column[k] is { } entry) entries.Add((m.Variables[rows[k]].Index, m.Variables[j].Index, entry));
        }
        return (m, entries);
    }

    public static LambdaExpression Hessian(CompilationContext context, LambdaExpression f)
    {
        var scalar = ScalarModel.Lower(context, f);
        if (scalar.HasSums) return HessianByColumns(context, f, [.. InputGuards(scalar, f.Parameters.Skip(1).ToList(), NamesOf(f.Parameters))], scalar.Graph.ElementType);
        var (m, triangle) = HessianTriangle(context, f);
        var dimension = m.Variables.Count == 0 ? 0 : m.Variables[^1].Index + 1L;
        RequireDenseFits(f, "Hessian", dimension, dimension);
        var values = Simplified(m.Graph, [.. triangle.Select(e => e.Value)]);
        var n = Expression.ArrayLength(m.X);
        // An off-diagonal value is written twice, so it is read twice: the emitter keeps it in a local.
        var body = Emit(m.Graph, values, emitted => ResultShapes.NewMatrix(n, n, triangle.SelectMany((e, k) =>
            e.Row == e.Column ? [(e.Row, e.Column, emitted[k])] : new[] { (e.Row, e.Column, emitted[k]), (e.Column, e.Row, emitted[k]) }), m.Graph.ElementType.Type));
        return Expression.Lambda(ArgumentGuards.Before([.. InputGuards(m, f.Parameters.Skip(1).ToList(), NamesOf(f.Parameters))], body), f.Parameters);
    }

    public static IReadOnlyList<(int Row, int Column)> HessianSparsity(CompilationContext context, LambdaExpression f) =>
        [.. HessianTriangle(context, f).Lower.SelectMany(e => e.Row == e.Column ? [(e.Row, e.Column)] : new[] { (e.Row, e.Column), (e.Column, e.Row) })
            .OrderBy(p => p.Item1).ThenBy(p => p.Item2)];

    /// <summary>A vector function x =&gt; new[] { ... }, lowered: its non-zero outputs and the rows they are at.</summary>
    private sealed record VectorModel(NodeGraph Graph, ParameterExpression X, Node[] Outputs, int[] Rows, Expression Length, IReadOnlyList<ElementNode> Variables);

    private static VectorModel LowerVector(CompilationContext context, LambdaExpression f)
    {
        var graph = new NodeGraph(ElementType.Of(f.ReturnType.GetElementType()!) ?? ElementType.Double);
        var x = f.Parameters[0];
        var (elements, length) = ExpressionLowerer.LowerVector(graph, f, context.Frontend, new HashSet<ParameterExpression> { x });
        var outputs = Simplifier.FoldConstants(graph, [.. elements.Select(e => e.Value)], Level);
        RequireNoLoops(GraphTraversal.Reachable(outputs).Any(n => n is IndexedElementNode e && e.Array == x), "The Jacobian (and Jvp, Vjp)");
        return new VectorModel(graph, x, outputs, [.. elements.Select(e => e.Index)], length, [.. GraphTraversal.Reachable(outputs).OfType<ElementNode>().Where(e => e.Array == x).OrderBy(e => e.Index)]);
    }

    /// <summary>
    /// The non-zero Jacobian entries: reverse mode by rows when there are fewer outputs than variables,
    /// forward mode by columns otherwise. Structurally zero entries are absent.
    /// </summary>
    private static (VectorModel Model, List<(int Row, int Column, Node Value)> Entries) JacobianEntries(CompilationContext context, LambdaExpression f)
    {
        var m = LowerVector(context, f);
        var entries = new List<(int, int, Node)>();
        if (m.Outputs.Length < m.Variables.Count)
        {
            for (var i = 0; i < m.Outputs.Length; i++)
            {
                var row = ReverseAccumulator.Adjoints(m.Graph, [(m.Outputs[i], m.Graph.One)], m.Variables);
                for (var k = 0; k < m.Variables.Count; k++)
                    if (!IsStructuralZero(row[k])) entries.Add((m.Rows[i], m.Variables[k].Index, row[k]));
            }
        }
        else
        {
            foreach (var variable in m.Variables)
            {
                var column = ForwardDifferentiator.TangentsOrNull(m.Graph, m.Outputs, new Dictionary<Node, Node> { [variable] = m.Graph.One });
                for (var i = 0; i < column.Length; i++)
                    if (column[i] is { } entry) entries.Add((m.Rows[i], variable.Index, entry));
            }
        }
        return (m, entries);
    }

    // Adjoints returns the zero constant for variables an output does not depend on.
    private static bool IsStructuralZero(Node node) => node is ConstantNode { Value: 0 };

    public static LambdaExpression Jacobian(CompilationContext context, LambdaExpression f)
    {
        var (m, entries) = JacobianEntries(context, f);
        var rows = m.Length is ConstantExpression { Value: int length } ? length : m.Rows.Length == 0 ? 0 : m.Rows[^1] + 1L;
        RequireDenseFits(f, "Jacobian", rows, m.Variables.Count == 0 ? 0 : m.Variables[^1].Index + 1L);
        var values = Simplified(m.Graph, [.. entries.Select(e => e.Value)]);
        var body = Emit(m.Graph, values, emitted => ResultShapes.NewMatrix(m.Length, Expression.ArrayLength(m.X), entries.Select((e, k) => (e.Row, e.Column, emitted[k])), m.Graph.ElementType.Type));
        return Expression.Lambda(ArgumentGuards.Before([.. PointGuards(m)], body), f.Parameters);
    }

    public static IReadOnlyList<(int Row, int Column)> JacobianSparsity(CompilationContext context, LambdaExpression f) =>
        [.. JacobianEntries(context, f).Entries.Select(e => (e.Row, e.Column)).OrderBy(p => p.Item1).ThenBy(p => p.Item2)];

    private static IEnumerable<Expression> PointGuards(VectorModel m) =>
        ArgumentGuards.Inputs(m.X, m.X.Name ?? "x", ArgumentGuards.LargestRead(m.X, m.Variables), []);

    /// <summary>(x, v) =&gt; J(x)·v: one forward sweep with the tangent of x[i] seeded to v[i].</summary>
    public static LambdaExpression Jvp(CompilationContext context, LambdaExpression f)
    {
        var m = LowerVector(context, f);
        var v = Expression.Parameter(m.Graph.ElementType.ArrayType, "v");
        var seeds = m.Variables.ToDictionary(e => (Node)e, e => (Node)m.Graph.Element(v, e.Index));
        var products = Simplified(m.Graph, ForwardDifferentiator.Differentiate(m.Graph, m.Outputs, seeds));
        var result = Expression.Variable(m.Graph.ElementType.ArrayType, "result");
        var body = Emit(m.Graph, products, values => ResultShapes.NewVector(m.Length, values.Select((e, i) => (m.Rows[i], e)), result));
        List<Expression> guards = [.. PointGuards(m), .. ArgumentGuards.Sized(v, v.Name!, Expression.ArrayLength(m.X), $"as many entries as {m.X.Name}")];
        return Expression.Lambda(ArgumentGuards.Before(guards, body), m.X, v);
    }

    /// <summary>(x, u) =&gt; J(x)ᵀ·u: one reverse sweep with the adjoint of output k seeded to u[k].</summary>
    public static LambdaExpression Vjp(CompilationContext context, LambdaExpression f)
    {
        var m = LowerVector(context, f);
        var u = Expression.Parameter(m.Graph.ElementType.ArrayType, "u");
        var seeds = m.Outputs.Select((o, k) => (o, (Node)m.Graph.Element(u, m.Rows[k]))).ToList();
        var products = Simplified(m.Graph, ReverseAccumulator.Adjoints(m.Graph, seeds, m.Variables));
        var result = Expression.Variable(m.Graph.ElementType.ArrayType, "result");
        var body = Emit(m.Graph, products, values => ResultShapes.NewVector(Expression.ArrayLength(m.X), Entries(m.Variables, values), result));
        List<Expression> guards = [.. PointGuards(m), .. ArgumentGuards.Sized(u, u.Name!, m.Length, "one entry per output of the function")];
        return Expression.Lambda(ArgumentGuards.Before(guards, body), m.X, u);
    }

    /// <summary>(x, v) =&gt; H(x)·v without forming H: the gradient's nodes, differentiated forward along v.</summary>
    /// <summary>
    /// The Hessian of a model with loops over x, one column per Hessian–vector product with a unit
    /// vector: H[:, j] = H·eⱼ. Its structure is only known at run time (x.Length), so symmetry and
    /// sparsity are not exploited here.
    /// </summary>
    private static LambdaExpression HessianByColumns(CompilationContext context, LambdaExpression f, IReadOnlyList<Expression> guards, ElementType element)
    {
        var hvp = Hvp(context, f);
        var x = f.Parameters[0];
        var (n, hessian, unit, column) = (Expression.Variable(typeof(int), "n"), Expression.Variable(element.Type.MakeArrayType(2), "hessian"),
            Expression.Variable(element.ArrayType, "unit"), Expression.Variable(element.ArrayType, "column"));
        var (j, row) = (Expression.Variable(typeof(int), "j"), Expression.Variable(typeof(int), "row"));
        var body = Expression.Block([n, hessian, unit, column],
            Expression.Assign(n, Expression.ArrayLength(x)),
            Expression.Assign(hessian, Expression.NewArrayBounds(element.Type, n, n)),
            Expression.Assign(unit, Expression.NewArrayBounds(element.Type, n)),
            Loops.For(j, n, Expression.Block(
                Expression.Assign(Expression.ArrayAccess(unit, j), element.Constant(1.0)),
                Expression.Assign(column, Expression.Invoke(hvp, [x, unit, .. f.Parameters.Skip(1)])),
                Loops.For(row, n, Expression.Assign(Expression.ArrayAccess(hessian, row, j), Expression.ArrayAccess(column, row))),
                Expression.Assign(Expression.ArrayAccess(unit, j), element.Constant(0.0)))),
            hessian);
        return Expression.Lambda(ArgumentGuards.Before(guards, body), f.Parameters);
    }

    /// <remarks>
    /// Loop models work too: the tangent of a scattered adjoint is scattered the same way, with the
    /// tangent of x[e] seeded to v[e] for every index expression e. The result's parameters are
    /// (x, v, data...).
    /// </remarks>
    public static LambdaExpression Hvp(CompilationContext context, LambdaExpression f)
    {
        var m = ScalarModel.Lower(context, f);
        var g = m.Graph;
        var v = Expression.Parameter(g.ElementType.ArrayType, "v");
        var (gradient, scatters) = SimplifiedGradient(m, withValue: false);
        var seeds = new Dictionary<Node, Node>();
        foreach (var e in m.Variables) seeds[e] = g.Element(v, e.Index);
        foreach (var e in m.IndexedVariables) seeds[e] = g.IndexedElement(v, e.Index);
        var tangents = Simplified(g, ForwardDifferentiator.Differentiate(g, [.. gradient, .. scatters.Select(s => s.Adjoint)], seeds));
        var products = tangents[..gradient.Length];
        var scatteredProducts = scatters.Select((s, k) => s with { Adjoint = tangents[gradient.Length + k] }).ToList();
        var vector = Expression.Variable(g.ElementType.ArrayType, "result");
        var body = Emit(g, products, values => ResultShapes.NewVector(Expression.ArrayLength(m.X), Entries(m.Variables, values), vector, accumulate: m.HasSums),
            PlanFor(g, vector, scatteredProducts));
        ParameterExpression[] parameters = [m.X, v, .. f.Parameters.Skip(1)];
        List<Expression> guards = [.. InputGuards(m, f.Parameters.Skip(1).ToList(), NamesOf(parameters)),
            .. ArgumentGuards.Sized(v, v.Name!, Expression.ArrayLength(m.X), $"as many entries as {m.X.Name}")];
        return Expression.Lambda(ArgumentGuards.Before(guards, body), parameters);
    }
}
