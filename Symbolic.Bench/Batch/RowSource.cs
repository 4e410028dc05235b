namespace Symbolic.Bench.Batch;

/// <summary>The layouts of a batch's rows (the same values in each).</summary>
public enum RowSource { Flat, Matrix, Jagged }
