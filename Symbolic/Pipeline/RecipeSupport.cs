using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Graph;

namespace Symbolic.Pipeline;

/// <summary>What the recipes share: argument guards, caller-visible names, result entries.</summary>
internal static class RecipeSupport
{
    /// <summary>(index, value) for each variable, the values starting at <paramref name="offset"/>.</summary>
    public static IEnumerable<(int, Expression)> Entries(IReadOnlyList<ElementNode> variables, IReadOnlyList<Expression> values, int offset = 0) =>
        variables.Select((v, k) => (v.Index, values[offset + k]));

    /// <summary>x is not null and as long as f reads on every call; the data are not null (see <see cref="ArgumentGuards"/>).</summary>
    public static IEnumerable<Expression> InputGuards(ScalarModel m, IReadOnlyList<ParameterExpression> data, IReadOnlyDictionary<ParameterExpression, string> names) =>
        ArgumentGuards.Inputs(m.X, names[m.X], ArgumentGuards.LargestRead(m.X, m.HasSums ? ArgumentGuards.CertainReads(m.Value) : m.Variables), data.Select(d => (d, names[d])));

    /// <summary>The names a caller sees: the delegate type's own parameter names when it declares them, else the lambda's.</summary>
    public static Dictionary<ParameterExpression, string> NamesOf(IReadOnlyList<ParameterExpression> parameters, Type? delegateType = null)
    {
        var declared = delegateType?.GetMethod("Invoke")?.GetParameters();
        return parameters.Select((p, k) => (p, Name: (declared is { } d && d.Length == parameters.Count ? d[k].Name : p.Name) ?? $"arg{k}"))
            .ToDictionary(e => e.p, e => e.Name);
    }
}
