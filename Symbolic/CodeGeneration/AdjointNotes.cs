using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// How source output (<c>ToCSharp</c>) describes an adjoint: named after its primal when the primal is a
/// local or an array element (<c>dL_dt3</c>, <c>dL_dx_2</c>), commented with the primal when it prints short.
/// </summary>
internal static class AdjointNotes
{
    private const int MaxPrimalNodes = 24, MaxPrimalText = 60;

    /// <param name="primal">The primal whose adjoint is being defined.</param>
    /// <param name="emittedPrimal">How the emitter computes the primal (a local, or an inlined expression).</param>
    public static string? Name(Node primal, Expression? emittedPrimal) => (primal, emittedPrimal) switch
    {
        (ElementNode e, _) => $"dL_d{e.Array.Name}_{e.Index}",
        (_, ParameterExpression { Name: { } name }) => $"dL_d{name}",
        _ => null,
    };

    /// <summary>"∂f/∂(x[0]*x[1])" when the primal prints in a few characters; null otherwise.</summary>
    public static string? Comment(Node primal)
    {
        if (!HasAtMostNodes(primal, MaxPrimalNodes)) return null;
        var text = Printing.MathPrinter.Print(primal);
        if (text.Length > MaxPrimalText) return null;
        return primal is ElementNode or VariableNode ? $"∂f/∂{text}" : $"∂f/∂({text})";
    }

    /// <summary>Whether a node's subgraph has at most <paramref name="limit"/> nodes (stops counting there: O(limit)).</summary>
    private static bool HasAtMostNodes(Node root, int limit)
    {
        var seen = new HashSet<Node>();
        var pending = new Stack<Node>([root]);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node)) continue;
            if (seen.Count > limit) return false;
            foreach (var child in node.Children) pending.Push(child);
        }
        return true;
    }
}
