using System.Linq.Expressions;
using System.Text;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The loops over rows that run in blocks (<see cref="RowBlocking"/>): for each loop index, the rows per
/// block, the pooled buffer slot the block's values live in, and the exp-like maps found in its body. What
/// the block-rows pass decides and the emitter reads; <see cref="Dump"/> is its pass-trace entry.
/// </summary>
/// <param name="Blocks">The blocked loops by index.</param>
internal sealed record RowBlockPlan(IReadOnlyDictionary<ParameterExpression, RowBlock> Blocks)
{
    /// <summary>No loop is blocked.</summary>
    public static readonly RowBlockPlan None = new(new Dictionary<ParameterExpression, RowBlock>());

    /// <summary>The block of a loop over <paramref name="index"/>, or null when that loop runs row by row.</summary>
    public RowBlock? Of(ParameterExpression index) => Blocks.TryGetValue(index, out var block) ? block : null;

    /// <summary>One line per blocked loop: <c>block i &lt; count: 64 rows, maps exp log, selections 2</c>; or <c>no loop blocked</c>.</summary>
    public string Dump()
    {
        if (Blocks.Count == 0) return "no loop blocked\n";
        var text = new StringBuilder();
        foreach (var (index, block) in Blocks.OrderBy(b => b.Key.Name, StringComparer.Ordinal))
        {
            var parts = new List<string>();
            if (block.Maps.Count > 0) parts.Add($"maps {string.Join(' ', block.Maps.Select(m => m.ToString().ToLowerInvariant()))}");
            if (block.Selections > 0) parts.Add($"selections {block.Selections}");
            text.Append($"block {index.Name} < {Diagnostics.ExpressionQuoter.Quote(Rows(block.Count))}: {block.Rows} rows, {string.Join(", ", parts)}\n");
        }
        return text.ToString();
    }

    /// <summary>The rows of a count, without LINQ's check that it is not negative (<c>RangeCount(n)</c> reads n).</summary>
    private static Expression Rows(Expression count) =>
        count is MethodCallExpression { Method.Name: nameof(Runtime.LinqRuntime.RangeCount), Arguments: [var rows] } ? rows : count;
}
