namespace Symbolic.Tests.Architecture;

/// <summary>An edge against the layer order that another branch removes: tolerated until that branch is merged.</summary>
/// <param name="From">The layer that depends.</param>
/// <param name="To">The layer it depends on against the order.</param>
/// <param name="Why">What makes the edge and who removes it.</param>
public sealed record KnownEdge(string From, string To, string Why);
