namespace Symbolic.Tests.Architecture;

/// <summary>One row of tools/architecture/layers.txt: a layer, what belongs to it, and what it may use.</summary>
/// <param name="Rank">The drawing's row, bottom up.</param>
/// <param name="Name">The layer's name.</param>
/// <param name="Namespaces">Namespaces that belong to it with everything below them.</param>
/// <param name="Types">Root-namespace types that belong to it, by full name without arity or nesting.</param>
/// <param name="MayUse">The layers it may depend on.</param>
public sealed record Layer(int Rank, string Name, IReadOnlyList<string> Namespaces, IReadOnlyList<string> Types, IReadOnlyList<string> MayUse);
