using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Runtime;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Finds, in the statements of a row body the block-rows pass blocks (<see cref="BlockedLoop"/>), the products
/// of a data row with a vector that can run once per block (<see cref="BlockProduct"/>, <see cref="RowBlocks"/>):
/// a dot product Σⱼ w[o + j]·X[row, j] computed where the statement always computes it, and a statement that
/// is one scatter loop g[o + j] += X[row, j]·c. The row is read in place: flat X[a·i + b + j], 2-D X[i, o + j],
/// jagged X[i][o + j]. Everything but the row index and the column must be the same for every row.
/// </summary>
internal static class BlockProducts
{
    /// <summary>The variables that change inside a row body: its locals, the index, and every variable its statements assign or declare.</summary>
    public static HashSet<ParameterExpression> Varying(IEnumerable<Expression> statements, IEnumerable<ParameterExpression> locals, ParameterExpression index)
    {
        var finder = new AssignmentFinder();
        foreach (var statement in statements) finder.Visit(statement);
        finder.Assigned.UnionWith(locals);
        finder.Assigned.Add(index);
        return finder.Assigned;
    }

    /// <summary>The scatter <paramref name="statement"/> is, or null.</summary>
    /// <param name="statement">A statement of the row body.</param>
    /// <param name="index">The row index.</param>
    /// <param name="varying">The variables that change inside the row body (its locals, the index, anything it assigns).</param>
    public static BlockProduct? Scatter(Expression statement, ParameterExpression index, IReadOnlySet<ParameterExpression> varying)
    {
        if (statement is MethodCallExpression { Arguments: [var x, var xOffset, var scale, var g, var gOffset, var n] } call && call.Method == RowMaps.AddScaledMethod)
            return Flat(x, xOffset, index, varying) is var (data, first, stride) && Invariant(g, varying) && Invariant(gOffset, varying) && Invariant(n, varying)
                && Pure(scale) && !Reads(scale, x) ? new BlockProduct(RowBlocks.FlatAddScaledMethod, data, first, stride, n, g, gOffset, scale, index) : null;
        if (ColumnLoop(statement, varying) is not var (column, width, body)
            || Single(body) is not BinaryExpression { NodeType: ExpressionType.AddAssign, Left: IndexExpression { Object: { } target, Arguments: [var at], Indexer: null }, Right: BinaryExpression { NodeType: ExpressionType.Multiply } product }
            || target.Type != typeof(double[]) || !Invariant(target, varying) || Column(at, column, varying) is not { } offset) return null;
        foreach (var (read, factor) in new[] { (product.Left, product.Right), (product.Right, product.Left) })
            if (Row(read, index, column, varying, dot: false) is var (method, data, first, second) && !AffineIndex.Reads(factor, column) && Pure(factor) && data != target)
                return new BlockProduct(method, data, first, second, width, target, offset, factor, index);
        return null;
    }

    /// <summary>
    /// The scatter <paramref name="statement"/> is, also when its term is a negated product <c>g[at] += −(x·c)</c>: then
    /// with the statement written <c>g[at] += x·(−c)</c> (the same bits), whose scale is a node of the statement returned.
    /// </summary>
    /// <param name="statement">A statement of the row body.</param>
    /// <param name="index">The row index.</param>
    /// <param name="varying">The variables that change inside the row body.</param>
    public static (Expression Statement, BlockProduct Product)? ScatterMovingNegation(Expression statement, ParameterExpression index, IReadOnlySet<ParameterExpression> varying)
    {
        if (Scatter(statement, index, varying) is { } product) return (statement, product);
        foreach (var left in new[] { false, true })
        {
            var moved = new NegationMover(left).Visit(statement);
            if (Scatter(moved, index, varying) is { } movedProduct) return (moved, movedProduct);
        }
        return null;
    }

    /// <summary>Writes <c>g[at] += −(a·b)</c> as <c>g[at] += a·(−b)</c> (or <c>(−a)·b</c>).</summary>
    private sealed class NegationMover(bool left) : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node) =>
            node is { NodeType: ExpressionType.AddAssign, Left: IndexExpression, Right: UnaryExpression { NodeType: ExpressionType.Negate, Method: null, Operand: BinaryExpression { NodeType: ExpressionType.Multiply, Method: null } product } }
                ? Expression.AddAssign(node.Left, left ? Expression.Multiply(Expression.Negate(product.Left), product.Right) : Expression.Multiply(product.Left, Expression.Negate(product.Right)))
                : base.VisitBinary(node);
    }

    /// <summary>
    /// <paramref name="statement"/> with each dot product it always computes replaced by a new local, and those
    /// locals with their products; the statement unchanged and no products when there are none.
    /// </summary>
    public static (Expression Statement, List<(ParameterExpression Local, BlockProduct Product)> Dots) Dots(Expression statement, ParameterExpression index, IReadOnlySet<ParameterExpression> varying)
    {
        var extractor = new DotExtractor(index, varying);
        return (extractor.Visit(statement)!, extractor.Dots);
    }

    /// <summary>A dot product of a data row with a vector, or null.</summary>
    private static BlockProduct? Dot(Expression e, ParameterExpression index, IReadOnlySet<ParameterExpression> varying)
    {
        if (e is BlockExpression { Variables.Count: 0, Expressions: [MethodCallExpression only] }) e = only;
        if (e is MethodCallExpression { Arguments: [var a, var aOffset, var b, var bOffset, var n] } call && call.Method == RowMaps.DotMethod && Invariant(n, varying))
        {
            if (Flat(b, bOffset, index, varying) is var (data, first, stride) && Invariant(a, varying) && Invariant(aOffset, varying))
                return new BlockProduct(RowBlocks.FlatDotMethod, data, first, stride, n, a, aOffset, null, index);
            if (Flat(a, aOffset, index, varying) is var (data2, first2, stride2) && Invariant(b, varying) && Invariant(bOffset, varying))
                return new BlockProduct(RowBlocks.FlatDotMethod, data2, first2, stride2, n, b, bOffset, null, index);
            return null;
        }
        // { sum = 0; for (j < n) sum += a[…j]·b[…j]; sum }, as the emitter writes a Σ.
        if (e is not BlockExpression { Variables: [var sum], Expressions: [BinaryExpression { NodeType: ExpressionType.Assign, Left: var s0, Right: ConstantExpression { Value: 0.0 } }, var loop, var result] }
            || s0 != sum || result != sum || ColumnLoop(loop, varying) is not var (column, width, body)
            || Single(body) is not BinaryExpression { NodeType: ExpressionType.AddAssign, Left: var s1, Right: BinaryExpression { NodeType: ExpressionType.Multiply } product } || s1 != sum)
            return null;
        foreach (var (read, weights) in new[] { (product.Left, product.Right), (product.Right, product.Left) })
            if (Row(read, index, column, varying, dot: true) is var (method, data, first, second) && Vector(weights, column, varying) is var (w, offset))
                return new BlockProduct(method, data, first, second, width, w, offset, null, index);
        return null;
    }

    /// <summary>The data row <paramref name="read"/> reads at column <paramref name="column"/> of row <paramref name="index"/>: the entry point, the data and its two layout arguments.</summary>
    private static (MethodInfo Method, Expression Data, Expression First, Expression Second)? Row(Expression read, ParameterExpression index, ParameterExpression column,
        IReadOnlySet<ParameterExpression> varying, bool dot)
    {
        if (Element(read) is var (array, at) && array.Type == typeof(double[]) && Invariant(array, varying))
        {
            // Flat: at = a·i + b + j.
            var rowPart = AffineIndex.Of(at, column, e => Invariant(e, varying, index));
            if (rowPart is not (ConstantExpression { Value: 1 }, var start) || !AffineIndex.Reads(start, index)) return null;
            return Flat(array, start, index, varying) is var (data, first, stride) ? (dot ? RowBlocks.FlatDotMethod : RowBlocks.FlatAddScaledMethod, data, first, stride) : null;
        }
        if (Element(read) is var (rows, c) && rows.Type == typeof(double[]) && Element(rows) is var (jagged, row) && jagged.Type == typeof(double[][])
            && row == index && Invariant(jagged, varying) && Column(c, column, varying) is { } jaggedColumn)
            return (dot ? RowBlocks.JaggedDotMethod : RowBlocks.JaggedAddScaledMethod, jagged, index, jaggedColumn);
        var (matrix, arguments) = read switch
        {
            MethodCallExpression { Object: { } o, Method.Name: "Get", Arguments: [_, _] } m when o.Type == typeof(double[,]) => (o, m.Arguments),
            IndexExpression { Object: { } o, Indexer: null, Arguments: [_, _] } x when o.Type == typeof(double[,]) => (o, x.Arguments),
            _ => (null, null),
        };
        if (matrix is null || arguments is null || arguments[0] != index || !Invariant(matrix, varying) || Column(arguments[1], column, varying) is not { } matrixColumn) return null;
        return (dot ? RowBlocks.MatrixDotMethod : RowBlocks.MatrixAddScaledMethod, matrix, index, matrixColumn);
    }

    /// <summary>Flat rows x[a·i + b …]: the data, the offset expression (in i) and the stride a.</summary>
    private static (Expression Data, Expression First, Expression Stride)? Flat(Expression x, Expression offset, ParameterExpression index, IReadOnlySet<ParameterExpression> varying) =>
        x.Type == typeof(double[]) && Invariant(x, varying) && AffineIndex.Of(offset, index, e => Invariant(e, varying)) is var (stride, _) ? (x, offset, stride) : null;

    /// <summary>A vector read w[o + j]: w and o.</summary>
    private static (Expression Vector, Expression Offset)? Vector(Expression read, ParameterExpression column, IReadOnlySet<ParameterExpression> varying) =>
        Element(read) is var (w, at) && w.Type == typeof(double[]) && Invariant(w, varying) && Column(at, column, varying) is { } offset ? (w, offset) : null;

    /// <summary>o where <paramref name="at"/> is o + j, o the same for every row.</summary>
    private static Expression? Column(Expression at, ParameterExpression column, IReadOnlySet<ParameterExpression> varying) =>
        AffineIndex.Of(at, column, e => Invariant(e, varying)) is (ConstantExpression { Value: 1 }, var offset) ? offset : null;

    /// <summary>A one-dimensional array read: the array and the index.</summary>
    private static (Expression Array, Expression At)? Element(Expression read) => read switch
    {
        BinaryExpression { NodeType: ExpressionType.ArrayIndex } r => (r.Left, r.Right),
        IndexExpression { Object: { } o, Arguments: [var i], Indexer: null } => (o, i),
        _ => null,
    };

    /// <summary>A column loop <c>for (j = 0; j &lt; n; j++) body</c> as <see cref="Loops.For"/> writes it: j, n (the same for every row) and the body.</summary>
    private static (ParameterExpression Column, Expression Width, Expression Body)? ColumnLoop(Expression e, IReadOnlySet<ParameterExpression> varying)
    {
        if (e is not BlockExpression { Variables: [var j, var end], Expressions: [BinaryExpression start, BinaryExpression bound, LoopExpression { Body: ConditionalExpression test }] }
            || start is not { NodeType: ExpressionType.Assign, Right: ConstantExpression { Value: 0 } } || start.Left != j
            || bound is not { NodeType: ExpressionType.Assign, Right: var count } || bound.Left != end
            || test is not { Test: BinaryExpression { NodeType: ExpressionType.LessThan } less, IfFalse: GotoExpression, IfTrue: BlockExpression { Variables.Count: 0 } step }
            || less.Left != j || less.Right != end
            || step.Expressions is not [var body, UnaryExpression { NodeType: ExpressionType.PreIncrementAssign } increment] || increment.Operand != j) return null;
        // A constant count, or one read once per block (its check that it is not negative included).
        var original = LinqRuntime.Original(count);
        var width = LinqRuntime.Dimension(original) is ConstantExpression constant ? constant
            : original is MethodCallExpression { Arguments: [var n] } && Invariant(n, varying) ? count
            : Invariant(count, varying) ? count : null;
        return width is null ? null : (j, width, body);
    }

    /// <summary>The one statement of a block that declares nothing (the emitter ends bodies with an empty statement).</summary>
    private static Expression Single(Expression body)
    {
        while (body is BlockExpression { Variables.Count: 0 } block)
        {
            var statements = block.Expressions.Where(e => e is not DefaultExpression { Type: var t } || t != typeof(void)).ToList();
            if (statements.Count != 1) return body;
            body = statements[0];
        }
        return body;
    }

    /// <summary>Whether <paramref name="e"/> reads none of <paramref name="varying"/> (but <paramref name="allowed"/>) and declares nothing of its own but a checked count.</summary>
    private static bool Invariant(Expression e, IReadOnlySet<ParameterExpression> varying, ParameterExpression? allowed = null)
    {
        var finder = new VariableFinder();
        finder.Visit(e);
        return finder.Variables.All(v => v == allowed || !varying.Contains(v) || finder.Declared.Contains(v));
    }

    /// <summary>Whether evaluating <paramref name="e"/> once per row instead of once per column changes nothing: it writes nothing and calls nothing but Math.</summary>
    private static bool Pure(Expression e) => StatementAccess.Of(e, new HashSet<ParameterExpression>()).Writes.Count == 0;

    private static bool Reads(Expression e, Expression array) => array is ParameterExpression p && AffineIndex.Reads(e, p);

    private sealed class VariableFinder : ExpressionVisitor
    {
        public HashSet<ParameterExpression> Variables { get; } = [];

        public HashSet<ParameterExpression> Declared { get; } = [];

        protected override Expression VisitBlock(BlockExpression node)
        {
            Declared.UnionWith(node.Variables);
            return base.VisitBlock(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Variables.Add(node);
            return node;
        }
    }

    private sealed class AssignmentFinder : ExpressionVisitor
    {
        public HashSet<ParameterExpression> Assigned { get; } = [];

        protected override Expression VisitBlock(BlockExpression node)
        {
            Assigned.UnionWith(node.Variables);
            return base.VisitBlock(node);
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.Left is ParameterExpression p && node.NodeType is ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
                or ExpressionType.MultiplyAssign or ExpressionType.DivideAssign) Assigned.Add(p);
            return base.VisitBinary(node);
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.Operand is ParameterExpression p && node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign
                or ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign) Assigned.Add(p);
            return base.VisitUnary(node);
        }
    }

    /// <summary>Replaces the dot products a statement always evaluates (not under a branch or a loop) by locals.</summary>
    private sealed class DotExtractor(ParameterExpression index, IReadOnlySet<ParameterExpression> varying) : ExpressionVisitor
    {
        public List<(ParameterExpression Local, BlockProduct Product)> Dots { get; } = [];

        public override Expression? Visit(Expression? node)
        {
            if (node is null) return null;
            if (node.Type == typeof(double) && Dot(node, index, varying) is { } product)
            {
                var local = Expression.Variable(typeof(double), "dot");
                Dots.Add((local, product));
                return local;
            }
            return node switch
            {
                BinaryExpression { NodeType: ExpressionType.Add or ExpressionType.Subtract or ExpressionType.Multiply or ExpressionType.Divide } => base.Visit(node),
                BinaryExpression { NodeType: ExpressionType.Assign or ExpressionType.AddAssign, Left: ParameterExpression } => base.Visit(node),
                UnaryExpression { NodeType: ExpressionType.Negate or ExpressionType.UnaryPlus or ExpressionType.Convert } => base.Visit(node),
                MethodCallExpression { Method.DeclaringType: var t } when t == typeof(Math) => base.Visit(node),
                _ => node,
            };
        }
    }
}
