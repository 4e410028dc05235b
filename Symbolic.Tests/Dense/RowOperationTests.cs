using Symbolic.CodeGeneration;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.Tests.Dense;

/// <summary>
/// The runtime's row maps have their own operation codes; the backend maps the IR's operations to them. Each
/// mapped IR operation, run through its code, must compute what C# computes for that operation element by element.
/// </summary>
public class RowOperationTests
{
    private static readonly double[] X = [-2.5, -1, -0.0, 0.0, 0.3, 1, 2.5, double.NaN, double.PositiveInfinity, 7];
    private static readonly double[] Y = [1, -1, 0.0, -0.0, 0.7, 2, 2.5, 1, double.PositiveInfinity, double.NaN];

    public static TheoryData<string> Comparisons() => [.. Enum.GetNames<ComparisonOp>()];

    [Theory]
    [MemberData(nameof(Comparisons))]
    public void A_comparison_selects_as_the_CSharp_operator_does_NaN_included(string name)
    {
        var op = Enum.Parse<ComparisonOp>(name);
        Func<double, double, bool> holds = op switch
        {
            ComparisonOp.Equal => (a, b) => a == b,
            ComparisonOp.NotEqual => (a, b) => a != b,
            ComparisonOp.LessThan => (a, b) => a < b,
            ComparisonOp.LessThanOrEqual => (a, b) => a <= b,
            ComparisonOp.GreaterThan => (a, b) => a > b,
            _ => (a, b) => a >= b,
        };
        // Long enough for the vectorised loop and its scalar tail.
        double[] x = [.. X, .. X], y = [.. Y, .. Y];
        double[] whenTrue = [.. x.Select((_, i) => 100.0 + i)], whenFalse = [.. x.Select((_, i) => -100.0 - i)];
        var result = new double[x.Length];
        RowMaps.Select((int)RowOperations.Of(op), x, 0, y, 0, whenTrue, 0, whenFalse, 0, result, 0, x.Length);
        for (var i = 0; i < x.Length; i++) Assert.Equal(holds(x[i], y[i]) ? whenTrue[i] : whenFalse[i], result[i]);
    }

    [Fact]
    public void Select_refuses_a_code_that_is_not_a_comparison()
    {
        var row = new double[4];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RowMaps.Select((int)RowOperation.Add, row, 0, row, 0, row, 0, row, 0, row, 0, 4));
        Assert.Equal("op", error.ParamName);
    }

    public static TheoryData<string> MappedBinaryOperations() => [.. Enum.GetValues<BinaryOp>().Where(op => RowOperations.Of(op) is not null).Select(op => op.ToString())];

    [Theory]
    [MemberData(nameof(MappedBinaryOperations))]
    public void A_mapped_binary_operation_computes_the_CSharp_operator_bit_for_bit(string name)
    {
        var op = Enum.Parse<BinaryOp>(name);
        Func<double, double, double> oracle = op switch
        {
            BinaryOp.Add => (a, b) => a + b,
            BinaryOp.Subtract => (a, b) => a - b,
            BinaryOp.Multiply => (a, b) => a * b,
            _ => (a, b) => a / b,
        };
        var code = (int)RowOperations.Of(op)!.Value;
        var (rows, rowScalar, scalarRow) = (new double[X.Length], new double[X.Length], new double[X.Length]);
        RowMaps.Binary(code, X, 0, Y, 0, rows, 0, X.Length);
        RowMaps.BinaryScalar(code, X, 0, 0.7, rowScalar, 0, X.Length);
        RowMaps.ScalarBinary(code, 0.7, Y, 0, scalarRow, 0, Y.Length);
        for (var i = 0; i < X.Length; i++)
        {
            AssertSameBits(oracle(X[i], Y[i]), rows[i]);
            AssertSameBits(oracle(X[i], 0.7), rowScalar[i]);
            AssertSameBits(oracle(0.7, Y[i]), scalarRow[i]);
        }
    }

    public static TheoryData<string> MappedUnaryOperations() => [.. Enum.GetValues<UnaryOp>().Where(op => RowOperations.Of(op) is not null).Select(op => op.ToString())];

    [Theory]
    [MemberData(nameof(MappedUnaryOperations))]
    public void A_mapped_unary_operation_computes_the_Math_function(string name)
    {
        var op = Enum.Parse<UnaryOp>(name);
        Func<double, double> oracle = op switch
        {
            UnaryOp.Negate => a => -a,
            UnaryOp.Abs => Math.Abs,
            UnaryOp.Exp => Math.Exp,
            UnaryOp.Log => Math.Log,
            UnaryOp.Sqrt => Math.Sqrt,
            UnaryOp.Tanh => Math.Tanh,
            UnaryOp.Sin => Math.Sin,
            UnaryOp.Cos => Math.Cos,
            UnaryOp.Sinh => Math.Sinh,
            UnaryOp.Cosh => Math.Cosh,
            UnaryOp.Atan => Math.Atan,
            _ => throw new InvalidOperationException($"No oracle for {op}: add one with the mapping."),
        };
        double[] x = [0.25, 0.5, 1, 1.5, 2, 3, 0.1, 0.75, 1.25];
        var result = new double[x.Length];
        RowMaps.Unary((int)RowOperations.Of(op)!.Value, x, 0, result, 0, x.Length);
        // Vectorised functions may round differently from Math in the last bits.
        for (var i = 0; i < x.Length; i++) Assert.Equal(oracle(x[i]), result[i], 1e-14 * Math.Max(1, Math.Abs(oracle(x[i]))));
    }

    /// <summary>Equal bits (so 0 and −0 differ); any NaN equals any NaN, whose payload IEEE leaves open.</summary>
    private static void AssertSameBits(double expected, double actual)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }
}
