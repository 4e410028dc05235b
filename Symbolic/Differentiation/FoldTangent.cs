using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.Differentiation;

/// <summary>
/// Forward mode through a fold: the tangent of the state is carried by a fold of its own, ṡ₀ = seed's tangent,
/// ṡ_{t+1} = ∂step/∂s · ṡ_t + ∂step/∂inputs · inputs' tangents — the step's tangent, built once, symbolically, by
/// forward mode over the step's body with the state's elements seeded by the tangent fold's own state. It reads the
/// fold's stored states, so it runs after the fold; a read of the fold's final state has the tangent fold's as tangent.
/// </summary>
internal static class FoldTangent
{
    /// <summary>The tangent fold of <paramref name="fold"/>, given the tangents of the nodes its step and seed read.</summary>
    public static FoldNode? Of(NodeGraph g, FoldNode fold, IReadOnlyDictionary<Node, Node?> tangents)
    {
        var states = Expression.Parameter(typeof(double[]), "tangents");
        var (_, leaves, inputs) = FoldRegion.Of(fold);
        var seeds = new Dictionary<Node, Node>();
        foreach (var leaf in leaves) seeds[leaf] = g.IndexedElement(states, leaf.Index);
        foreach (var input in inputs)
            if (tangents.GetValueOrDefault(input) is { } tangent) seeds[input] = tangent;
        var step = ForwardDifferentiator.TangentsOrNull(g, [fold.Step], seeds)[0];
        var seed = tangents.GetValueOrDefault(fold.Seed);
        if (step is null && seed is null) return null;
        // Inside the tangent's loop the fold's states are read from its buffer.
        var stored = LeafSubstitution.Apply(g, step ?? g.Zero, leaf => leaf is IndexedElementNode e && e.Array == fold.States ? g.FoldRead(fold, e.Index) : null, []);
        return g.Fold(states, fold.Index, fold.Count, fold.Component, fold.Width, fold.SeedComponent, seed ?? g.Zero, stored);
    }

    /// <summary>
    /// The tangent of a reverse sweep (forward over reverse: Hvp): a reverse sweep of the adjoints' tangents, whose
    /// scatters are the tangents of the sweep's scatters with the sweep's own state seeded by the tangent sweep's.
    /// </summary>
    public static ReverseFoldNode? OfReverse(NodeGraph g, ReverseFoldNode sweep, IReadOnlyDictionary<Node, Node?> tangents)
    {
        var states = Expression.Parameter(typeof(double[]), "adjointTangents");
        var steps = sweep.StepScatters.Select(s => s.Adjoint).ToList();
        var (_, leaves, inputs) = FoldRegion.Of(steps, sweep.States);
        var seeds = new Dictionary<Node, Node>();
        foreach (var leaf in leaves) seeds[leaf] = g.IndexedElement(states, leaf.Index);
        foreach (var input in inputs)
            if (tangents.GetValueOrDefault(input) is { } tangent) seeds[input] = tangent;
        var stepTangents = ForwardDifferentiator.TangentsOrNull(g, steps, seeds);
        var memo = new Dictionary<Node, Node>();
        var stepScatters = sweep.StepScatters.Zip(stepTangents).Where(p => p.Second is not null)
            .Select(p => (g.IndexedElement(states, p.First.Element.Index),
                LeafSubstitution.Apply(g, p.Second!, leaf => leaf is IndexedElementNode e && e.Array == sweep.States ? g.FoldRead(sweep, e.Index) : null, memo)))
            .ToList();
        var seedScatters = sweep.SeedScatters.Where(s => tangents.GetValueOrDefault(s.Adjoint) is not null)
            .Select(s => (g.IndexedElement(states, s.Element.Index), tangents[s.Adjoint]!)).ToList();
        return stepScatters.Count + seedScatters.Count == 0 ? null : g.ReverseFold(sweep, states, seedScatters, stepScatters);
    }
}
