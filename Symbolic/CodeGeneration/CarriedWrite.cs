using System.Linq.Expressions;
using Symbolic.Dense;

namespace Symbolic.CodeGeneration;

/// <summary>
/// A scatter loop that writes its entries once (<see cref="CoveringScatter"/>): at iteration i,
/// <c>target[Stride·i + Offset + j] = Registers[j] + a_j</c> for j &lt; Stride, then each register takes the
/// contribution to the entry it holds at the next iteration; after the loop the registers are the last entries.
/// </summary>
/// <param name="Covering">What the loop writes.</param>
/// <param name="Registers">The carried locals (<see cref="CoveringScatter.Registers"/> of them), zero before the loop.</param>
internal sealed record CarriedWrite(CoveringScatter Covering, IReadOnlyList<ParameterExpression> Registers)
{
    /// <summary>
    /// The carried write of <paramref name="covering"/>, with fresh registers named carry (or carry0, carry1 …) of the
    /// model's element type (<paramref name="element"/>: a float model's gradient entries are floats).
    /// </summary>
    public static CarriedWrite Of(CoveringScatter covering, Type element) =>
        new(covering, [.. Enumerable.Range(0, covering.Registers).Select(j => Expression.Variable(element, covering.Registers == 1 ? "carry" : $"carry{j}"))]);

    /// <summary><c>Stride·index + Offset + j</c>, written as the model writes an index (<c>i</c>, <c>i + 1</c>, <c>2 * i + 1</c>).</summary>
    public Expression Entry(Expression index, int j)
    {
        var scaled = Covering.Stride == 1 ? index : Expression.Multiply(Expression.Constant(Covering.Stride), index);
        var offset = Covering.Offset + j;
        return offset == 0 ? scaled : Expression.Add(scaled, Expression.Constant(offset));
    }

    /// <summary>
    /// One iteration's writes, given the iteration's contributions by offset (null: none): each retiring entry
    /// stored once, then the registers shifted down by Stride with the new contributions added.
    /// </summary>
    public IEnumerable<Expression> Iteration(Expression target, IReadOnlyList<Expression?> contributions)
    {
        var (stride, registers) = (Covering.Stride, Registers.Count);
        Expression? Register(int j) => j < registers ? Registers[j] : null;
        var zero = Zero(target.Type.GetElementType()!);
        for (var j = 0; j < stride; j++)
            yield return Expression.Assign(Expression.ArrayAccess(target, Entry(Covering.Index, j)), Sum(Register(j), contributions[j], zero));
        // In increasing order: register j reads register j + stride, which is assigned later.
        for (var j = 0; j < registers; j++)
            yield return Expression.Assign(Registers[j], Sum(Register(j + stride), contributions[j + stride], zero));
    }

    /// <summary>After the loop, when it ran: <c>target[Stride·Count + Offset + j] = Registers[j]</c>.</summary>
    public Expression Tail(Expression target)
    {
        if (Registers.Count == 0) return Expression.Empty();
        var count = Covering.Count;
        return Expression.IfThen(Expression.GreaterThan(count, Expression.Constant(0)),
            Expression.Block(Registers.Select((r, j) => Expression.Assign(Expression.ArrayAccess(target, Entry(count, j)), r))));
    }

    /// <summary>The registers set to zero, before the loop.</summary>
    public IEnumerable<Expression> Start() => Registers.Select(r => Expression.Assign(r, Zero(r.Type)));

    private static Expression Sum(Expression? carried, Expression? contribution, Expression zero) =>
        carried is null ? contribution ?? zero
        : contribution is null ? carried
        : CarriedSum.Of(carried, contribution);

    // A literal 0 of the gradient's element type (printed as 0 or 0f, as the rest of the source).
    private static ConstantExpression Zero(Type element) => Expression.Constant(element == typeof(float) ? (object)0f : 0.0, element);
}
