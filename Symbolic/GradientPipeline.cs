using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Dense;
using Symbolic.Differentiation;
using Symbolic.Graph;
using Symbolic.Lowering;
using Symbolic.Runtime;
using Symbolic.Simplification;

namespace Symbolic;

/// <summary>
/// The recipes behind gradients, Jacobians, Hessians and their products: lower f with the elements of
/// its first (double[]) parameter as variables, apply reverse and/or forward mode in the same graph,
/// simplify everything together (so primal and adjoint share nodes), emit one SSA block.
/// </summary>
internal static class GradientPipeline
{
    private const SimplificationLevel Level = SimplificationLevel.Algebraic;

    /// <summary>
    /// A scalar function of x, lowered: its value, its variables (the elements of x it reads at constant
    /// indexes) and the elements it reads at loop-dependent indexes (LINQ models).
    /// </summary>
    private sealed record ScalarModel(NodeGraph Graph, ParameterExpression X, Node Value, IReadOnlyList<ElementNode> Variables, IReadOnlyList<IndexedElementNode> IndexedVariables)
    {
        public bool HasLoops => IndexedVariables.Count > 0;

        /// <summary>Any LINQ loop at all: entries are then added, and bounds-checked (a loop may read nothing).</summary>
        public bool HasSums => IndexedVariables.Count > 0 || Graph.HasLoops;
    }

    /// <param name="f">The model.</param>
    /// <param name="recognizeProducts">Whether matrix products become kernel calls (compiled gradients); forward mode and printing read scalar loops.</param>
    private static ScalarModel LowerScalar(LambdaExpression f, bool recognizeProducts = false)
    {
        var graph = new NodeGraph { RecognizesProducts = recognizeProducts };
        var x = f.Parameters[0];
        var value = Simplifier.FoldConstants(graph, [ExpressionLowerer.Lower(graph, f, new HashSet<ParameterExpression> { x })], Level)[0];
        var indexed = GraphTraversal.Reachable([value]).OfType<IndexedElementNode>().Where(e => e.Array == x).ToList();
        return new ScalarModel(graph, x, value, VariablesOf(graph, [value], x), indexed);
    }

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

    /// <summary>The count of a loop index when it is a constant (a range written with literal bounds).</summary>
    private static int? ConstantCount(NodeGraph graph, ParameterExpression index) =>
        graph.IsIndex(index) && LinqRuntime.Dimension(graph.CountOf(index)) is ConstantExpression { Value: int n } ? n : null;

    /// <summary>Uses of values that grids hold read the grids (see <see cref="Dense.GridValueReuse"/>).</summary>
    private static (Node[] Outputs, IReadOnlyList<Scatter> Scatters) ReadingGrids(NodeGraph graph, Node[] outputs, IReadOnlyList<Scatter> scatters)
    {
        var all = Dense.GridValueReuse.Apply(graph, [.. outputs, .. scatters.Select(s => s.Adjoint)]);
        return (all[..outputs.Length], [.. scatters.Select((s, k) => s with { Adjoint = all[outputs.Length + k] })]);
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

    private static IReadOnlyList<ElementNode> VariablesOf(NodeGraph graph, IEnumerable<Node> outputs, ParameterExpression x) =>
        [.. GraphTraversal.Reachable(outputs).OfType<ElementNode>().Where(e => e.Array == x).OrderBy(e => e.Index)];

    /// <summary>Backpropagation: ∂f/∂x[i] for every element read, by one reverse sweep (models without loops over x).</summary>
    private static Node[] Gradient(ScalarModel m) => ReverseAccumulator.Adjoints(m.Graph, [(m.Value, m.Graph.One)], m.Variables);

    private static Node[] Simplified(NodeGraph graph, IReadOnlyList<Node> nodes) => Simplifier.Simplify(graph, nodes, Level);

    private static Expression Emit(IReadOnlyList<Node> outputs, Func<IReadOnlyList<Expression>, ProcedureShape> result, ScatterPlan? scatters = null, EmitOptions? options = null) =>
        ExpressionEmitter.Emit(outputs, options ?? EmitOptions.FastFused, result, scatters);

    private static IEnumerable<(int, Expression)> Entries(IReadOnlyList<ElementNode> variables, IReadOnlyList<Expression> values, int offset = 0) =>
        variables.Select((v, k) => (v.Index, values[offset + k]));

    /// <summary>x is not null and as long as f reads on every call; the data are not null (see <see cref="ArgumentGuards"/>).</summary>
    private static IEnumerable<Expression> InputGuards(ScalarModel m, IReadOnlyList<ParameterExpression> data, IReadOnlyDictionary<ParameterExpression, string> names) =>
        ArgumentGuards.Inputs(m.X, names[m.X], ArgumentGuards.LargestRead(m.X, m.HasSums ? ArgumentGuards.CertainReads(m.Value) : m.Variables), data.Select(d => (d, names[d])));

    /// <summary>The names a caller sees: the delegate type's own parameter names when it declares them, else the lambda's.</summary>
    private static Dictionary<ParameterExpression, string> NamesOf(IReadOnlyList<ParameterExpression> parameters, Type? delegateType = null)
    {
        var declared = delegateType?.GetMethod("Invoke")?.GetParameters();
        return parameters.Select((p, k) => (p, Name: (declared is { } d && d.Length == parameters.Count ? d[k].Name : p.Name) ?? $"arg{k}"))
            .ToDictionary(e => e.p, e => e.Name);
    }

    /// <summary>∇ with respect to the first parameter (x); any further parameters are data.</summary>
    /// <remarks>
    /// The value is computed too (and discarded): where f throws — an index out of range, the
    /// average of an empty sequence — its gradient throws as well rather than return a number.
    /// With fused loops the value costs little.
    /// </remarks>
    public static LambdaExpression Grad(LambdaExpression f)
    {
        var m = LowerScalar(f);
        var (outputs, scatters) = SimplifiedGradient(m, withValue: true);
        var vector = Expression.Variable(typeof(double[]), "result");
        var body = Emit(outputs, values =>
        {
            var shape = ResultShapes.NewVector(Expression.ArrayLength(m.X), Entries(m.Variables, values, offset: 1), vector, accumulate: m.HasSums);
            return shape with { Sinks = [.. shape.Sinks, values[0]] };
        }, PlanFor(m.Graph, vector, scatters));
        var guards = InputGuards(m, f.Parameters.Skip(1).ToList(), NamesOf(f.Parameters)).ToList();
        return Expression.Lambda(ArgumentGuards.Before(guards, body), f.Parameters);
    }

    /// <summary>
    /// (x, data..., gradient) =&gt; { gradient = ∇f; return f } for a delegate type whose parameters are
    /// f's followed by the gradient buffer.
    /// </summary>
    /// <param name="f">The model.</param>
    /// <param name="withComments">Attach comments naming the primal of each adjoint statement (for <c>ToCSharp</c>).</param>
    /// <param name="recognizeProducts">Run matrix products on the kernels (off for C# source, and in tests that compare with the scalar loops).</param>
    public static Expression<TDelegate> CompileableGradient<TDelegate>(LambdaExpression f, bool withComments = false, bool recognizeProducts = true)
    {
        var m = LowerScalar(f, recognizeProducts && !withComments);
        var (outputs, scatters) = SimplifiedGradient(m, withValue: true);
        if (m.Graph.RecognizesProducts) (outputs, scatters) = ReadingGrids(m.Graph, outputs, scatters);
        var buffer = Expression.Parameter(typeof(double[]), "gradient");
        var options = withComments ? Commented(m.Graph, outputs[0]) : EmitOptions.Compiled with { VectorizeRowSums = m.Graph.RecognizesProducts };
        var (elements, matrices) = m.Graph.RecognizesProducts ? MatrixScatter.Split(scatters) : (scatters, []);
        var (marked, blocks) = MatrixScatter.MarkOverwrites(matrices, elements, m.Variables.Select(v => v.Index), index => ConstantCount(m.Graph, index));
        var plan = elements.Count + marked.Count == 0 ? null : new ScatterPlan(buffer, elements, m.Graph.CountOf, m.Graph.DepthOf) { Matrices = marked };
        var body = Emit(outputs, values => ResultShapes.WriteInto(buffer, [.. Entries(m.Variables, values, offset: 1)], values[0], clearAll: m.HasSums, uncleared: blocks),
            plan, options);
        // Source output names parameters after the lambda; a compiled delegate's caller sees the delegate type's names.
        var names = NamesOf([.. f.Parameters, buffer], withComments ? null : typeof(TDelegate));
        var inputs = f.Parameters.Select(p => (p, names[p])).ToList();
        List<Expression> guards = [.. InputGuards(m, f.Parameters.Skip(1).ToList(), names),
            .. ArgumentGuards.Sized(buffer, names[buffer], Expression.ArrayLength(m.X), $"as many entries as {names[m.X]}"),
            .. ArgumentGuards.Distinct(buffer, names[buffer], inputs)];
        return Expression.Lambda<TDelegate>(ArgumentGuards.Before(guards, body), [.. f.Parameters, buffer]);
    }

    /// <summary>The compiled value-and-gradient function: split into methods when large, index errors explained.</summary>
    public static TDelegate CompiledGradient<TDelegate>(LambdaExpression f) where TDelegate : Delegate =>
        ArgumentGuards.ExplainingIndexErrors(MethodSplitter.Split(CompileableGradient<TDelegate>(f)), f).Compile();

    /// <summary>
    /// Emit options for source output: adjoints named and commented after their primals — except nodes the
    /// function's value also computes (in <c>e^x0·x1</c>, e^x0 is ∂f/∂x1 too, but reads better as itself).
    /// </summary>
    private static EmitOptions Commented(NodeGraph graph, Node value)
    {
        var primalValues = GraphTraversal.Reachable([value]).ToHashSet();
        return EmitOptions.Compiled with { PrimalOf = node => primalValues.Contains(node) ? null : graph.PrimalOf(node) };
    }

    /// <summary>The gradient of a function of 2 to 4 doubles, as a tuple.</summary>
    public static LambdaExpression GradOfScalars(LambdaExpression f)
    {
        var graph = new NodeGraph();
        var value = Simplifier.FoldConstants(graph, [ExpressionLowerer.Lower(graph, f)], Level)[0];
        var variables = f.Parameters.Select(p => (Node)graph.Variable(p)).ToList();
        var gradient = Simplified(graph, ReverseAccumulator.Adjoints(graph, [(value, graph.One)], variables));
        var tupleType = ResultShapes.TupleOf([.. gradient.Select(_ => (Expression)Expression.Constant(0.0))]).Type;
        var delegateType = Expression.GetFuncType([.. f.Parameters.Select(p => p.Type), tupleType]);
        return Expression.Lambda(delegateType, Emit(gradient, ResultShapes.Tuple), f.Parameters);
    }

    /// <summary>
    /// The Hessian by forward-over-reverse: the gradient's nodes, differentiated forward once per
    /// variable j, for rows i ≥ j only (symmetry); entries that are structurally zero are never built.
    /// </summary>
    private static (ScalarModel Model, List<(int Row, int Column, Node Value)> Lower) HessianTriangle(LambdaExpression f)
    {
        var m = LowerScalar(f);
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

    public static LambdaExpression Hessian(LambdaExpression f)
    {
        var scalar = LowerScalar(f);
        if (scalar.HasSums) return HessianByColumns(f, [.. InputGuards(scalar, f.Parameters.Skip(1).ToList(), NamesOf(f.Parameters))]);
        var (m, triangle) = HessianTriangle(f);
        var dimension = m.Variables.Count == 0 ? 0 : m.Variables[^1].Index + 1L;
        RequireDenseFits(f, "Hessian", dimension, dimension);
        var values = Simplified(m.Graph, [.. triangle.Select(e => e.Value)]);
        var n = Expression.ArrayLength(m.X);
        // An off-diagonal value is written twice, so it is read twice: the emitter keeps it in a local.
        var body = Emit(values, emitted => ResultShapes.NewMatrix(n, n, triangle.SelectMany((e, k) =>
            e.Row == e.Column ? [(e.Row, e.Column, emitted[k])] : new[] { (e.Row, e.Column, emitted[k]), (e.Column, e.Row, emitted[k]) })));
        return Expression.Lambda(ArgumentGuards.Before([.. InputGuards(m, f.Parameters.Skip(1).ToList(), NamesOf(f.Parameters))], body), f.Parameters);
    }

    public static IReadOnlyList<(int Row, int Column)> HessianSparsity(LambdaExpression f) =>
        [.. HessianTriangle(f).Lower.SelectMany(e => e.Row == e.Column ? [(e.Row, e.Column)] : new[] { (e.Row, e.Column), (e.Column, e.Row) })
            .OrderBy(p => p.Item1).ThenBy(p => p.Item2)];

    /// <summary>A vector function x =&gt; new[] { ... }, lowered: its non-zero outputs and the rows they are at.</summary>
    private sealed record VectorModel(NodeGraph Graph, ParameterExpression X, Node[] Outputs, int[] Rows, Expression Length, IReadOnlyList<ElementNode> Variables);

    private static VectorModel LowerVector(LambdaExpression f)
    {
        var graph = new NodeGraph();
        var x = f.Parameters[0];
        var (elements, length) = ExpressionLowerer.LowerVector(graph, f, new HashSet<ParameterExpression> { x });
        var outputs = Simplifier.FoldConstants(graph, [.. elements.Select(e => e.Value)], Level);
        RequireNoLoops(GraphTraversal.Reachable(outputs).Any(n => n is IndexedElementNode e && e.Array == x), "The Jacobian (and Jvp, Vjp)");
        return new VectorModel(graph, x, outputs, [.. elements.Select(e => e.Index)], length, VariablesOf(graph, outputs, x));
    }

    /// <summary>
    /// The non-zero Jacobian entries: reverse mode by rows when there are fewer outputs than variables,
    /// forward mode by columns otherwise. Structurally zero entries are absent.
    /// </summary>
    private static (VectorModel Model, List<(int Row, int Column, Node Value)> Entries) JacobianEntries(LambdaExpression f)
    {
        var m = LowerVector(f);
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

    public static LambdaExpression Jacobian(LambdaExpression f)
    {
        var (m, entries) = JacobianEntries(f);
        var rows = m.Length is ConstantExpression { Value: int length } ? length : m.Rows.Length == 0 ? 0 : m.Rows[^1] + 1L;
        RequireDenseFits(f, "Jacobian", rows, m.Variables.Count == 0 ? 0 : m.Variables[^1].Index + 1L);
        var values = Simplified(m.Graph, [.. entries.Select(e => e.Value)]);
        var body = Emit(values, emitted => ResultShapes.NewMatrix(m.Length, Expression.ArrayLength(m.X), entries.Select((e, k) => (e.Row, e.Column, emitted[k]))));
        return Expression.Lambda(ArgumentGuards.Before([.. PointGuards(m)], body), f.Parameters);
    }

    public static IReadOnlyList<(int Row, int Column)> JacobianSparsity(LambdaExpression f) =>
        [.. JacobianEntries(f).Entries.Select(e => (e.Row, e.Column)).OrderBy(p => p.Item1).ThenBy(p => p.Item2)];

    private static IEnumerable<Expression> PointGuards(VectorModel m) =>
        ArgumentGuards.Inputs(m.X, m.X.Name ?? "x", ArgumentGuards.LargestRead(m.X, m.Variables), []);

    /// <summary>(x, v) =&gt; J(x)·v: one forward sweep with the tangent of x[i] seeded to v[i].</summary>
    public static LambdaExpression Jvp(LambdaExpression f)
    {
        var m = LowerVector(f);
        var v = Expression.Parameter(typeof(double[]), "v");
        var seeds = m.Variables.ToDictionary(e => (Node)e, e => (Node)m.Graph.Element(v, e.Index));
        var products = Simplified(m.Graph, ForwardDifferentiator.Differentiate(m.Graph, m.Outputs, seeds));
        var body = Emit(products, values => ResultShapes.NewVector(m.Length, values.Select((e, i) => (m.Rows[i], e))));
        List<Expression> guards = [.. PointGuards(m), .. ArgumentGuards.Sized(v, v.Name!, Expression.ArrayLength(m.X), $"as many entries as {m.X.Name}")];
        return Expression.Lambda(ArgumentGuards.Before(guards, body), m.X, v);
    }

    /// <summary>(x, u) =&gt; J(x)ᵀ·u: one reverse sweep with the adjoint of output k seeded to u[k].</summary>
    public static LambdaExpression Vjp(LambdaExpression f)
    {
        var m = LowerVector(f);
        var u = Expression.Parameter(typeof(double[]), "u");
        var seeds = m.Outputs.Select((o, k) => (o, (Node)m.Graph.Element(u, m.Rows[k]))).ToList();
        var products = Simplified(m.Graph, ReverseAccumulator.Adjoints(m.Graph, seeds, m.Variables));
        var body = Emit(products, values => ResultShapes.NewVector(Expression.ArrayLength(m.X), Entries(m.Variables, values)));
        List<Expression> guards = [.. PointGuards(m), .. ArgumentGuards.Sized(u, u.Name!, m.Length, "one entry per output of the function")];
        return Expression.Lambda(ArgumentGuards.Before(guards, body), m.X, u);
    }

    /// <summary>(x, v) =&gt; H(x)·v without forming H: the gradient's nodes, differentiated forward along v.</summary>
    /// <summary>
    /// The Hessian of a model with loops over x, one column per Hessian–vector product with a unit
    /// vector: H[:, j] = H·eⱼ. Its structure is only known at run time (x.Length), so symmetry and
    /// sparsity are not exploited here.
    /// </summary>
    private static LambdaExpression HessianByColumns(LambdaExpression f, IReadOnlyList<Expression> guards)
    {
        var hvp = Hvp(f);
        var x = f.Parameters[0];
        var (n, hessian, unit, column) = (Expression.Variable(typeof(int), "n"), Expression.Variable(typeof(double[,]), "hessian"),
            Expression.Variable(typeof(double[]), "unit"), Expression.Variable(typeof(double[]), "column"));
        var (j, row) = (Expression.Variable(typeof(int), "j"), Expression.Variable(typeof(int), "row"));
        var body = Expression.Block([n, hessian, unit, column],
            Expression.Assign(n, Expression.ArrayLength(x)),
            Expression.Assign(hessian, Expression.NewArrayBounds(typeof(double), n, n)),
            Expression.Assign(unit, Expression.NewArrayBounds(typeof(double), n)),
            Loops.For(j, n, Expression.Block(
                Expression.Assign(Expression.ArrayAccess(unit, j), Expression.Constant(1.0)),
                Expression.Assign(column, Expression.Invoke(hvp, [x, unit, .. f.Parameters.Skip(1)])),
                Loops.For(row, n, Expression.Assign(Expression.ArrayAccess(hessian, row, j), Expression.ArrayAccess(column, row))),
                Expression.Assign(Expression.ArrayAccess(unit, j), Expression.Constant(0.0)))),
            hessian);
        return Expression.Lambda(ArgumentGuards.Before(guards, body), f.Parameters);
    }

    /// <remarks>
    /// Loop models work too: the tangent of a scattered adjoint is scattered the same way, with the
    /// tangent of x[e] seeded to v[e] for every index expression e. The result's parameters are
    /// (x, v, data...).
    /// </remarks>
    public static LambdaExpression Hvp(LambdaExpression f)
    {
        var m = LowerScalar(f);
        var g = m.Graph;
        var v = Expression.Parameter(typeof(double[]), "v");
        var (gradient, scatters) = SimplifiedGradient(m, withValue: false);
        var seeds = new Dictionary<Node, Node>();
        foreach (var e in m.Variables) seeds[e] = g.Element(v, e.Index);
        foreach (var e in m.IndexedVariables) seeds[e] = g.IndexedElement(v, e.Index);
        var tangents = Simplified(g, ForwardDifferentiator.Differentiate(g, [.. gradient, .. scatters.Select(s => s.Adjoint)], seeds));
        var products = tangents[..gradient.Length];
        var scatteredProducts = scatters.Select((s, k) => s with { Adjoint = tangents[gradient.Length + k] }).ToList();
        var vector = Expression.Variable(typeof(double[]), "result");
        var body = Emit(products, values => ResultShapes.NewVector(Expression.ArrayLength(m.X), Entries(m.Variables, values), vector, accumulate: m.HasSums),
            PlanFor(g, vector, scatteredProducts));
        ParameterExpression[] parameters = [m.X, v, .. f.Parameters.Skip(1)];
        List<Expression> guards = [.. InputGuards(m, f.Parameters.Skip(1).ToList(), NamesOf(parameters)),
            .. ArgumentGuards.Sized(v, v.Name!, Expression.ArrayLength(m.X), $"as many entries as {m.X.Name}")];
        return Expression.Lambda(ArgumentGuards.Before(guards, body), parameters);
    }
}
