using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Symbolic.Tests.Architecture;

/// <summary>
/// The compiled library against the layer table (tools/architecture/layers.txt): every dependency of a type on
/// another of the library's types must point to a layer its own layer may use.
/// </summary>
public class LayerDependencyTests
{
    private static readonly System.Reflection.Assembly LibraryAssembly = typeof(Calculus).Assembly;
    private static readonly ArchUnitNET.Domain.Architecture Library = new ArchLoader().LoadAssemblies(LibraryAssembly).Build();
    private static readonly LayerTable Table = LayerTable.Current;

    public static TheoryData<string> LayerNames() => [.. Table.Layers.Select(l => l.Name)];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void A_layer_depends_only_on_the_layers_it_may_use(string name)
    {
        var layer = Table[name];
        RuleAgainstOrder(layer, other => !Table.Allows(layer, other)).Check(Library);
    }

    [Fact]
    public void Optimization_uses_no_type_of_the_library_but_the_contracts()
    {
        Assert.Equal(["Contracts"], Table["Optimization"].MayUse);
        RuleAgainstOrder(Table["Optimization"], other => other.Name is not ("Optimization" or "Contracts")).Check(Library);
    }

    [Fact]
    public void The_rule_catches_a_real_edge_when_the_table_forbids_it()
    {
        // Lowering turns LINQ into the IR, so it certainly uses Graph: a table without that edge must fail.
        var lowering = Table["Lowering"];
        Assert.False(RuleAgainstOrder(lowering, other => other.Name == "Graph").HasNoViolations(Library));
    }

    [Fact]
    public void Every_type_of_the_library_belongs_to_a_layer()
    {
        var unplaced = Library.Types
            .Where(t => t.FullName.StartsWith("Symbolic", StringComparison.Ordinal) && Table.LayerOf(t.FullName) is null)
            .Select(t => t.FullName).ToList();
        Assert.Empty(unplaced);
    }

    /// <remarks>
    /// Over layers, which are the folders (namespace = folder) except the root namespace: its public types split
    /// into contracts, façade and the types that belong to a layer below, and would otherwise look like a cycle.
    /// </remarks>
    [Fact]
    public void The_layers_of_the_library_form_no_cycle()
    {
        var cycles = StronglyConnected.Components(LayerEdges()).Where(c => c.Count > 1).Select(c => string.Join(" ↔ ", c.Order())).ToList();
        Assert.Empty(cycles);
    }

    [Fact]
    public void The_layer_table_itself_has_no_cycle()
    {
        var edges = Table.Layers.SelectMany(l => l.MayUse.Select(u => (l.Name, u)));
        Assert.DoesNotContain(StronglyConnected.Components(edges), c => c.Count > 1);
    }

    /// <summary>The rule "no type of <paramref name="layer"/> depends on a type of a layer <paramref name="forbidden"/> picks".</summary>
    /// <remarks>
    /// ArchUnitNET caches the types a predicate selects under the predicate's description, so each description
    /// names exactly the layers it selects.
    /// </remarks>
    private static IArchRule RuleAgainstOrder(Layer layer, Func<Layer, bool> forbidden)
    {
        var names = Table.Layers.Where(forbidden).Select(l => l.Name).ToHashSet();
        return Types().That().FollowCustomPredicate(t => Table.LayerOf(t.FullName) == layer, $"are in layer {layer.Name}")
            .Should().NotDependOnAny(Types().That().FollowCustomPredicate(
                t => Table.LayerOf(t.FullName) is { } other && names.Contains(other.Name), $"are in layers {string.Join(", ", names.Order())}"))
            .WithoutRequiringPositiveResults();
    }

    /// <summary>Layer → layer dependencies between the library's own types, from the compiled code.</summary>
    private static IEnumerable<(string From, string To)> LayerEdges() =>
        Library.Types.Select(t => (Type: t, Layer: Table.LayerOf(t.FullName))).Where(t => t.Layer is not null)
            .SelectMany(t => t.Type.Dependencies.Select(d => (From: t.Layer!.Name, To: Table.LayerOf(d.Target.FullName)?.Name)))
            .Where(e => e.To is not null && e.From != e.To)
            .Select(e => (e.From, e.To!))
            .Distinct();
}
