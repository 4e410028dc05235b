using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>A blocked loop: its count, the rows per block, the buffer slot, the maps and conditionals its rows compute.</summary>
/// <param name="Count">The loop's count.</param>
/// <param name="Rows">Rows per block (<see cref="RowBlockRule.RowsFor"/>).</param>
/// <param name="Slot">The <see cref="Runtime.BufferPool"/> slot of the block's buffers: the id of a map or conditional node, which no dense buffer uses.</param>
/// <param name="Maps">The exp-like operations of the rows, in id order.</param>
/// <param name="Selections">The conditionals of the rows (hinge's, Huber's), selected over the block (<see cref="BlockSelections"/>).</param>
internal sealed record RowBlock(Expression Count, int Rows, int Slot, IReadOnlyList<UnaryOp> Maps, int Selections = 0);
