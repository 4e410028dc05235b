using System.Linq.Expressions;
using Symbolic.Optimization;

namespace Symbolic.Tests.Compilation;

/// <summary>
/// A parameter block's dimensions are compiled in as constants, so the cache must tell two compilations apart when
/// the block read through the same field has changed between them. Oracle: d(w[k]²)/dw = 2·w[k] at k, 0 elsewhere.
/// </summary>
public class ParameterBlockCacheTests
{
    // Read by the model through a static field: the tree is the same object-for-object whatever block it holds.
    private static ParameterBlock s_block;

    private static Expression<Func<double[], double>> SquareOfFirstEntry() => w => w[s_block.Offset] * w[s_block.Offset];

    [Fact]
    public void A_gradient_compiled_after_the_block_field_is_reassigned_reads_the_new_offset()
    {
        var w = Enumerable.Range(1, 8).Select(i => (double)i).ToArray();
        foreach (var offset in new[] { 0, 5, 0 })
        {
            var layout = offset == 0 ? new ParameterLayout().Vector("b", 2) : new ParameterLayout().Vector("a", offset).Vector("b", 2);
            s_block = layout["b"];
            var gradient = new double[w.Length];

            var value = SquareOfFirstEntry().CompileGradient()(w, gradient);

            Assert.Equal(w[offset] * w[offset], value);
            for (var i = 0; i < w.Length; i++)
                Assert.Equal(i == offset ? 2 * w[offset] : 0.0, gradient[i]);
        }
    }
}
