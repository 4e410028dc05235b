using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// The argument checks at the top of every function Symbolic emits over arrays (gradients, Jacobians, Hessians,
/// their products): null arrays, arrays shorter than the function reads, a gradient buffer that is also an input.
/// Each is a compare and a branch, done once per call; nothing is allocated unless a check fails. They are plain
/// expression nodes (<c>if (...) throw new ArgumentException(...)</c>), so compiled, interpreted and printed C#
/// check the same things.
/// </summary>
internal static class ArgumentGuards
{
    private static readonly System.Reflection.ConstructorInfo ArgumentNull =
        typeof(ArgumentNullException).GetConstructor([typeof(string), typeof(string)])!;

    private static readonly System.Reflection.ConstructorInfo Argument =
        typeof(ArgumentException).GetConstructor([typeof(string), typeof(string)])!;

    /// <summary>The guards, then the body: one block whose value is the body's.</summary>
    public static Expression Before(IReadOnlyList<Expression> guards, Expression body) =>
        guards.Count == 0 ? body : Expression.Block(body.Type, [.. guards, body]);

    /// <summary>Whether a statement is a guard (a void <c>if</c> that only throws): readers of emitted code skip it.</summary>
    public static bool IsGuard(Expression statement) => GuardStatements.IsGuard(statement);

    /// <summary>
    /// The point <paramref name="x"/> is not null and has an entry at <paramref name="largestRead"/> (−1: no
    /// constant read to check); data parameters of reference types are not null.
    /// </summary>
    /// <remarks>The check compares with the largest index, not one past it, so that x[int.MaxValue] is checked too.</remarks>
    public static IEnumerable<Expression> Inputs(ParameterExpression x, string name, int largestRead, IEnumerable<(ParameterExpression Parameter, string Name)> data)
    {
        yield return NotNull(x, name);
        if (largestRead >= 0)
            yield return Throw(Expression.LessThanOrEqual(Expression.ArrayLength(x), Expression.Constant(largestRead)), Argument,
                $"{name} has fewer than {largestRead + 1L} entries, but the function reads {name}[{largestRead}].", name);
        foreach (var (parameter, dataName) in data)
            if (!parameter.Type.IsValueType) yield return NotNull(parameter, dataName);
    }

    /// <summary><paramref name="array"/> is not null and has <paramref name="length"/> entries.</summary>
    public static IEnumerable<Expression> Sized(ParameterExpression array, string name, Expression length, string lengthText)
    {
        yield return NotNull(array, name);
        yield return Throw(Expression.NotEqual(Expression.ArrayLength(array), length), Argument, $"{name} must have {lengthText}.", name);
    }

    /// <summary>
    /// The buffer a function writes is none of the arrays it reads (<paramref name="inputs"/>: the point, and the
    /// data parameters whose type can hold a double[]): written while read, both would be wrong. An empty buffer is
    /// never written (and <c>[]</c> is one shared instance, so it is often "both").
    /// </summary>
    public static IEnumerable<Expression> Distinct(ParameterExpression buffer, string name, IEnumerable<(ParameterExpression Parameter, string Name)> inputs)
    {
        foreach (var (input, inputName) in inputs)
            if (!input.Type.IsValueType && input.Type.IsAssignableFrom(buffer.Type))
                yield return Throw(Expression.AndAlso(
                        Expression.ReferenceEqual(Expression.Convert(buffer, typeof(object)), Expression.Convert(input, typeof(object))),
                        Expression.NotEqual(Expression.ArrayLength(buffer), Expression.Constant(0))), Argument,
                    $"{name} is the same array as {inputName}: the function writes {name} while it reads {inputName}. Pass a separate array.", name);
    }

    /// <summary>The largest constant index of these reads of <paramref name="x"/>; −1 if there is none.</summary>
    public static int LargestRead(ParameterExpression x, IEnumerable<ElementNode> reads) =>
        reads.Where(e => e.Array == x).Select(e => e.Index).DefaultIfEmpty(-1).Max();

    /// <summary>
    /// The constant-index reads every evaluation of <paramref name="value"/> performs. A read inside a loop (which may
    /// run zero times) or in a conditional branch is not certain, so a model with loops does not require it: the
    /// write of its gradient entry is guarded instead.
    /// </summary>
    public static IEnumerable<ElementNode> CertainReads(Node value)
    {
        var seen = new HashSet<Node> { value };
        var pending = new Stack<Node>([value]);
        while (pending.TryPop(out var node))
        {
            if (node is ElementNode e) yield return e;
            if (node is SumNode or ArgExtremumNode or TensorNode) continue;
            var children = node is ConditionalNode c ? [c.Test] : node.Children.ToArray();
            foreach (var child in children)
                if (seen.Add(child)) pending.Push(child);
        }
    }

    /// <summary>
    /// The lambda, with an <see cref="IndexOutOfRangeException"/> from its body rethrown with a message that says
    /// where it comes from: an index the guards cannot check on entry, computed in a loop (<c>w[i + 1]</c>) or read
    /// from the data (<c>w[idx[i]]</c>, <c>data[3]</c> of a short data array). The original is the inner exception.
    /// </summary>
    /// <remarks>Only the split lambda's top level is wrapped, after the hot code is compiled: a try region costs nothing until it throws.</remarks>
    public static Expression<TDelegate> ExplainingIndexErrors<TDelegate>(Expression<TDelegate> lambda, LambdaExpression model)
    {
        var first = lambda.Parameters[0];
        // Said as likely, not certain: a method the model calls may throw it too (the inner exception shows where).
        var message = $"An array index is out of range in the gradient of {Diagnostics.ExpressionQuoter.Quote(model)}: most likely the model reads {first.Name} "
            + "or its data at an index computed in a loop or read from the data (or at a constant index in a branch or loop that may not run), "
            + $"and that index lies outside the array. The inner exception has the original stack; constant indexes that every evaluation reads are checked on entry.";
        var error = Expression.Parameter(typeof(IndexOutOfRangeException), "error");
        var explained = Expression.New(typeof(IndexOutOfRangeException).GetConstructor([typeof(string), typeof(Exception)])!, Expression.Constant(message), error);
        // A read of a fold's state out of range already says which read and why (LinqRuntime.StateComponent): rethrown as is.
        var said = Expression.Call(Expression.Property(error, nameof(Exception.Data)), typeof(System.Collections.IDictionary).GetMethod(nameof(System.Collections.IDictionary.Contains))!,
            Expression.Constant(Runtime.LinqRuntime.ExplainedKey, typeof(object)));
        var body = Expression.TryCatch(lambda.Body, Expression.Catch(error, Expression.Condition(said, Expression.Rethrow(lambda.Body.Type), Expression.Throw(explained, lambda.Body.Type))));
        return Expression.Lambda<TDelegate>(body, lambda.Name, lambda.Parameters);
    }

    private static Expression NotNull(ParameterExpression p, string name) =>
        Throw(Expression.ReferenceEqual(p, Expression.Constant(null, p.Type)), ArgumentNull, $"{name} must not be null.", name, nameFirst: true);

    private static Expression Throw(Expression test, System.Reflection.ConstructorInfo exception, string message, string name, bool nameFirst = false)
    {
        Expression[] arguments = nameFirst ? [Expression.Constant(name), Expression.Constant(message)] : [Expression.Constant(message), Expression.Constant(name)];
        return Expression.IfThen(test, Expression.Throw(Expression.New(exception, arguments)));
    }
}
