using Symbolic.Runtime;

namespace Symbolic.Tests.Robustness;

/// <summary>
/// The runtime that generated code (and printed C# source) calls is public, though hidden: called directly with a
/// null array or an impossible slot it names the argument, never a NullReferenceException from inside a loop.
/// </summary>
public class RuntimeArgumentTests
{
    private static readonly double[] Some = [1, 2, 3, 4];

    public static TheoryData<string, Action> NullArguments => new()
    {
        { "a", () => DenseRuntime.Multiply(BufferPool.Shared, 0, 2, 2, 1, null!, 0, 1, 1, Some, 0, 2, 1) },
        { "b", () => DenseRuntime.Multiply(BufferPool.Shared, 0, 2, 2, 1, Some, 0, 1, 1, null!, 0, 2, 1) },
        { "pool", () => DenseRuntime.Multiply(null!, 0, 2, 2, 1, Some, 0, 1, 1, Some, 0, 2, 1) },
        { "c", () => DenseRuntime.MultiplyAdd(BufferPool.Shared, null!, 0, 2, 1, 2, 2, 1, Some, 0, 1, 1, Some, 0, 2, 1) },
        { "c", () => DenseRuntime.MultiplyInto(null!, 0, 2, 1, 2, 2, 1, Some, 0, 1, 1, Some, 0, 2, 1) },
        { "t", () => DenseRuntime.AddTo(new double[4], 0, 2, 1, 2, 2, null!) },
        { "t", () => DenseRuntime.CopyTo(new double[4], 0, 2, 1, 2, 2, null!) },
        { "a", () => DenseRuntime.ClearRange((double[])null!, 0, 1) },
        { "b", () => DenseRuntime.Add(BufferPool.Shared, 0, Some, null!, 4) },
        { "pool", () => DenseRuntime.Rent(null!, 0, 4) },
        { "x", () => RowMaps.Sum((double[])null!, 0, 3) },
        { "destination", () => RowMaps.Fill(1.0, null!, 0, 3) },
        { "pool", () => RowMaps.Scratch(null!, 3) },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void A_null_array_or_pool_is_named(string parameter, Action call)
    {
        var error = Assert.Throws<ArgumentNullException>(call);
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void A_slot_no_array_can_index_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BufferPool.Shared.Slot(int.MaxValue, 1));
        Assert.Equal("slot", error.ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => BufferPool.Shared.Slot(0, -1)).ParamName);
    }

    [Fact]
    public void An_empty_row_reads_nothing_even_from_a_null_array()
    {
        // A loop that runs zero times reads nothing: the row maps keep LINQ's behaviour for n = 0.
        Assert.Equal(0.0, RowMaps.Sum((double[])null!, 0, 0));
    }
}
