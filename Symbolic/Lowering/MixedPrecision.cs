using System.Linq.Expressions;
using Symbolic.Diagnostics;
using Symbolic.Graph;
using Symbolic.Runtime;

namespace Symbolic.Lowering;

/// <summary>
/// The type rule of float models: all arithmetic on the variables is float. A conversion C# wrote is read
/// where it is a data read (<c>(float)data[i]</c> of double data: an opaque float leaf) or a constant
/// (<c>(float)0.1</c>: rounded once); a conversion between float and double of a value that depends on the
/// variables would change the precision of the model's arithmetic, and is refused, quoting it.
/// </summary>
internal static class MixedPrecision
{
    /// <summary>
    /// The conversion between float and double in <paramref name="e"/> whose operand reads a variable, if any:
    /// the widening <c>(double)w[0]</c> when there is one (where precision changes first), else the narrowing.
    /// </summary>
    public static UnaryExpression? Culprit(Expression e, VariableReferences references)
    {
        UnaryExpression? narrowing = null;
        var pending = new Stack<Expression>([e]);
        while (pending.TryPop(out var node))
        {
            if (node is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u && ChangesPrecision(u)
                && references.Of(u.Operand).Variable is not null)
            {
                if (u.Type == typeof(double)) return u;
                narrowing ??= u;
            }
            foreach (var child in ExpressionChildren.Of(node)) pending.Push(child);
        }
        return narrowing;
    }

    /// <summary>Why <paramref name="conversion"/> is refused.</summary>
    public static string Reason(UnaryExpression conversion) =>
        $"a float model computes in float, and this converts a value that depends on the variables from {Keyword(conversion.Operand.Type)} to " +
        $"{Keyword(conversion.Type)}: write it in float (MathF, float literals such as 2f, float data), or write the model in double";

    /// <summary>The count LINQ's Average divides by, checked (it throws on an empty sequence), in the model's type.</summary>
    public static Expression AverageCount(Expression count, Type element)
    {
        var checkedCount = Expression.Call(typeof(LinqRuntime).GetMethod(nameof(LinqRuntime.AverageCount))!, count);
        return element == typeof(double) ? checkedCount : Expression.Convert(checkedCount, element);
    }

    /// <summary><c>Math.Sign(x)</c> of a double model, <c>MathF.Sign(x)</c> of a float one (read as sign, converted back to the element type).</summary>
    public static bool IsSignOf(MethodCallExpression call, Type element) =>
        call.Method == (element == typeof(double) ? MathMethods.MathSign : MathMethods.MathFSign);

    private static bool ChangesPrecision(UnaryExpression u) =>
        (u.Type == typeof(double) && u.Operand.Type == typeof(float)) || (u.Type == typeof(float) && u.Operand.Type == typeof(double));

    private static string Keyword(Type type) => type == typeof(float) ? "float" : type == typeof(double) ? "double" : type.Name;
}
