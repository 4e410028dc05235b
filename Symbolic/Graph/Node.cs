namespace Symbolic.Graph;

/// <summary>
/// A node of the interned expression DAG. Nodes are made only by <see cref="NodeGraph"/>, which
/// hash-conses them: structurally equal nodes are the same object, so equality is reference
/// equality and <see cref="Id"/> (creation order) is a topological order (children first).
/// </summary>
internal abstract class Node
{
    private protected Node(int id) => Id = id;

    /// <summary>Creation index inside its graph; every child has a smaller id.</summary>
    public int Id { get; }

    /// <summary>True for nodes of type <see cref="bool"/> (comparisons and logic), false for doubles.</summary>
    public virtual bool IsBoolean => false;

    /// <summary>
    /// The loop indices this node reads and does not bind itself: it must be computed inside those
    /// loops. Empty for everything outside LINQ sums. Set once, by the graph.
    /// </summary>
    public IReadOnlyList<System.Linq.Expressions.ParameterExpression> FreeIndices { get; internal set; } = [];

    /// <summary>
    /// The loop indices the node's value depends on: <see cref="FreeIndices"/> without the enclosing
    /// loops it merely lives in. What decides whether a product is a matrix product (see
    /// the recognition pass, <c>Dense.ProductRecognition</c>).
    /// </summary>
    public IReadOnlyList<System.Linq.Expressions.ParameterExpression> Reads { get; internal set; } = [];

    /// <summary>The direct children, in operand order.</summary>
    public abstract ReadOnlySpan<Node> Children { get; }

    /// <summary>Nodes are interned: identity is structural equality.</summary>
    public sealed override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc/>
    public sealed override int GetHashCode() => Id;

    /// <summary>The node's kind and id. Math text is the printers' job (<c>MathPrinter.Print</c>), a layer above the IR.</summary>
    public override string ToString() => $"{GetType().Name} #{Id}";
}
