using System.Globalization;
using System.Text;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A <see cref="ProcedureSchedule"/> as text, for tests and print-after-pass: one line per scheduled node
/// (<c>#id kind(operands) -> local | inline | rematerialized @ scope</c>), then the sin/cos pairs, fused loops,
/// scatters and each loop's body, indented under the line that introduces it.
/// </summary>
internal static class ScheduleDump
{
    /// <summary>The schedule and its nested loop bodies, outermost first.</summary>
    public static string Write(ProcedureSchedule root)
    {
        var text = new StringBuilder();
        // Explicit stack of pending lines and bodies: loop nesting is the model's, not bounded here.
        var pending = new Stack<(string? Line, ProcedureSchedule? Body, int Depth)>();
        pending.Push((null, root, 0));
        while (pending.TryPop(out var item))
        {
            if (item.Line is not null) { text.Append(' ', 2 * item.Depth).AppendLine(item.Line); continue; }
            foreach (var entry in Enumerable.Reverse(Entries(item.Body!, item.Depth))) pending.Push(entry);
        }
        return text.ToString();
    }

    private static List<(string? Line, ProcedureSchedule? Body, int Depth)> Entries(ProcedureSchedule schedule, int depth)
    {
        var bound = schedule.Bound.Count == 0 ? "method body" : "loop body over " + string.Join(", ", schedule.Bound.Select(i => i.Name));
        List<(string?, ProcedureSchedule?, int)> entries = [($"procedure: {bound}; outputs {Ids(schedule.Outputs)}", null, depth)];
        void Line(string line) => entries.Add((line, null, depth + 1));
        foreach (var node in schedule.Reachable)
        {
            var where = schedule.Locals.TryGetValue(node, out var local) ? $"t{local}" : schedule.Rematerialized.Contains(node) ? "rematerialized" : "inline";
            Line($"{Label(node)} -> {where} @ {schedule.Placement[node]}");
            if (schedule.Bodies.TryGetValue(node, out var body)) entries.Add((null, body, depth + 2));
            if (schedule.FoldSteps.TryGetValue(node, out var split))
            {
                Line($"fold step once per {((FoldNode)node).Index.Name}: shared {Ids(split.Shared)}; " + (split.ComponentLoop is null
                    ? "components written one by one" : $"component loop over {((FoldNode)node).Component.Name}") + (split.Map is { } map ? $"; map {map} over the row" : ""));
                if (split.ComponentLoop is { } loop) entries.Add((null, loop, depth + 2));
            }
        }
        foreach (var pair in schedule.SinCos.Values)
            Line($"sincos{pair.Local} = SinCos(#{((UnaryNode)pair.Sin).Operand.Id}): sin #{pair.Sin.Id}, cos #{pair.Cos.Id} @ {Scope.Common(schedule.Placement[pair.Sin], schedule.Placement[pair.Cos])}");
        foreach (var loop in schedule.Fused.Values.Distinct().Where(l => l.Body is not null))
        {
            Line($"fused loop {loop.Marker.Name}: {string.Join(", ", loop.Members.Select(m => $"#{m.Id} -> {loop.Accumulators[m].Name}"))}");
            entries.Add((null, loop.Body, depth + 2));
        }
        if (schedule.Carry is { } carry)
            Line($"carried write over {carry.Covering.Index.Name}: {carry.Covering.Stride} entries stored per iteration from offset {carry.Covering.Offset}" +
                (carry.Registers.Count == 0 ? "" : "; carried in " + string.Join(", ", carry.Registers.Select(r => r.Name))));
        foreach (var direct in schedule.Direct)
            Line((schedule.Carry is null ? "scatter" : "write") + $" {direct.Scatter.Element.Array.Name}[{direct.Scatter.Element.Index}] += #{direct.Scatter.Adjoint.Id}" +
                (direct.Guards.Count == 0 ? "" : " when " + string.Join(" && ", direct.Guards.Select(g => (g.WhenTrue ? "#" : "!#") + g.Test.Id))));
        foreach (var loop in schedule.ScatterLoops)
        {
            var sums = loop.Sums is { Members.Count: > 0 } s ? "; with sums " + string.Join(", ", s.Members.Select(m => $"#{m.Id} -> {s.Accumulators[m].Name}")) : "";
            Line($"scatter loop over {loop.Index.Name}: {string.Join(", ", loop.Scatters.Select(x => $"#{x.Adjoint.Id}"))}{sums}");
            entries.Add((null, loop.Body, depth + 2));
        }
        return entries;
    }

    private static string Ids(IEnumerable<Node> nodes) => "[" + string.Join(", ", nodes.Select(n => $"#{n.Id}")) + "]";

    /// <summary><c>#id Kind(#operand, ...)</c>, with the operation, leaf or loop index where there is one.</summary>
    public static string Label(Node node)
    {
        var kind = node switch
        {
            ConstantNode c => "Constant " + c.Value.ToString("R", CultureInfo.InvariantCulture),
            VariableNode v => "Variable " + v.Parameter.Name,
            ElementNode e => $"Element {e.Array.Name}[{e.Index}]",
            IndexedElementNode e => $"Element {e.Array.Name}[{e.Index}]",
            UnaryNode u => "Unary." + u.Op,
            BinaryNode b => "Binary." + b.Op,
            ComparisonNode c => "Comparison." + c.Op,
            LogicalNode l => "Logical." + l.Op,
            PowerNode p => "Power^" + p.Exponent.ToString("R", CultureInfo.InvariantCulture),
            SumNode s => "Sum over " + s.Index.Name,
            ArgExtremumNode a => (a.IsMax ? "ArgMax over " : "ArgMin over ") + a.Index.Name,
            CallNode c => "Call " + c.Method.Name,
            _ => node.GetType().Name.Replace("Node", "", StringComparison.Ordinal),
        };
        return node.Children.Length == 0 ? $"#{node.Id} {kind}" : $"#{node.Id} {kind}({string.Join(", ", node.Children.ToArray().Select(c => $"#{c.Id}"))})";
    }
}
