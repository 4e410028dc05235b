namespace Symbolic.Tests.Batch;

/// <summary>Per-row losses of zᵢ (the row's affine value) and yᵢ (its target), with and without exp-like functions and conditionals.</summary>
public enum RowLoss { Logistic, Poisson, Tanh, Softplus, StableLogistic, Hinge, Huber }
