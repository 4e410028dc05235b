using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>sin u and cos u of the same u, both computed by one procedure, share one <see cref="Math.SinCos"/> call.</summary>
internal static class SinCosPairing
{
    /// <summary>The sin/cos pairs among <paramref name="reachable"/> by their operand, without their locals yet (<see cref="SinCosPair.Local"/> 0).</summary>
    public static Dictionary<Node, SinCosPair> Pairs(IEnumerable<Node> reachable, IReadOnlySet<Node> rematerialized)
    {
        var trig = reachable.OfType<UnaryNode>().Where(u => u.Op is UnaryOp.Sin or UnaryOp.Cos && !rematerialized.Contains(u)).ToList();
        var sines = trig.Where(u => u.Op == UnaryOp.Sin).ToDictionary(u => u.Operand);
        return trig.Where(u => u.Op == UnaryOp.Cos && sines.ContainsKey(u.Operand))
            .ToDictionary(u => u.Operand, u => new SinCosPair(sines[u.Operand], u, 0));
    }
}
