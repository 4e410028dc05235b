namespace Symbolic.Tests.Batch;

/// <summary>The layouts a batch of rows comes in.</summary>
public enum RowLayout { Flat, Matrix, Jagged }
