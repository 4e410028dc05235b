using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Order;

namespace Symbolic.Bench.Batch;

/// <summary>
/// Issue 16: logistic regression's value and gradient over a batch (one thread, same run): the hand-written
/// per-row loop (baseline), the hand-written blocked form over the SAME row-major layout
/// (<see cref="LogisticForms.Blocked"/>), and <c>CompileGradient</c>, whose block-rows pass blocks the loop.
/// Derived classes choose the layout, d and m; setup checks that the three agree.
/// </summary>
[MemoryDiagnoser]
[Orderer(SummaryOrderPolicy.Declared)]
public abstract class LogisticBatchBenchmark
{
    private BatchRows _rows = null!;
    private double[] _w = [], _gradient = [], _scratch = [];
    private Func<double[], double[], double> _symbolic = null!;
    private RowSource _layout;

    /// <summary>The layout, features and rows measured.</summary>
    protected abstract (RowSource Layout, int D, int M) Shape { get; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (layout, d, m) = Shape;
        _layout = layout;
        _rows = new BatchRows(m, d);
        _w = BatchRows.Weights(d + 1, d);
        (_gradient, _scratch) = (new double[d + 1], new double[3 * LogisticForms.Block]);
        _symbolic = layout switch
        {
            RowSource.Flat => Bind(BatchModels.Constants(BatchModels.LogisticFlat(d)).CompileGradient(), _rows.Flat),
            RowSource.Matrix => Bind(BatchModels.Constants(BatchModels.LogisticMatrix(d)).CompileGradient(), _rows.Matrix),
            _ => Bind(BatchModels.Constants(BatchModels.LogisticJagged(d)).CompileGradient(), _rows.Jagged),
        };
        var value = PerRow();
        var expected = (double[])_gradient.Clone();
        BatchRows.Check("blocked", value, Blocked(), expected, _gradient);
        BatchRows.Check("CompileGradient", value, Symbolic(), expected, _gradient);
    }

    private Func<double[], double[], double> Bind<TX>(GradientFunc<TX, double[]> compiled, TX X) => (w, g) => compiled(w, X, _rows.Y, g);

    /// <summary>The hand-written per-row loop.</summary>
    [Benchmark(Baseline = true, Description = "hand-written per-row loop")]
    public double PerRow() => _layout switch
    {
        RowSource.Flat => LogisticForms.PerRow(new FlatRows(_rows.Flat, _rows.D), _w, _rows.Y, _gradient),
        RowSource.Matrix => LogisticForms.PerRow(new MatrixRows(_rows.Matrix), _w, _rows.Y, _gradient),
        _ => LogisticForms.PerRow(new JaggedRows(_rows.Jagged), _w, _rows.Y, _gradient),
    };

    /// <summary>The hand-written blocked form over the same layout.</summary>
    [Benchmark(Description = "hand-written blocked (TensorPrimitives)")]
    public double Blocked() => _layout switch
    {
        RowSource.Flat => LogisticForms.Blocked(new FlatRows(_rows.Flat, _rows.D), _w, _rows.Y, _gradient, _scratch),
        RowSource.Matrix => LogisticForms.Blocked(new MatrixRows(_rows.Matrix), _w, _rows.Y, _gradient, _scratch),
        _ => LogisticForms.Blocked(new JaggedRows(_rows.Jagged), _w, _rows.Y, _gradient, _scratch),
    };

    /// <summary><c>CompileGradient</c>, one thread.</summary>
    [Benchmark(Description = "Symbolic CompileGradient")]
    public double Symbolic() => _symbolic(_w, _gradient);
}
