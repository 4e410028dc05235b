using System.Linq.Expressions;

namespace Symbolic.CodeGeneration;

/// <summary>A fold that keeps every k-th state.</summary>
/// <param name="Layout">Its buffer.</param>
/// <param name="Shift">The local added to positions of the row at hand (set by the fold's loop and by the sweep).</param>
/// <param name="Checkpointing">The option it follows.</param>
internal sealed record CheckpointedFold(FoldCheckpointLayout Layout, ParameterExpression Shift, FoldCheckpointing Checkpointing);
