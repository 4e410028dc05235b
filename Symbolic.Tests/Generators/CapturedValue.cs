using System.Linq.Expressions;

namespace Symbolic.Tests.Generators;

/// <summary>What the C# compiler makes of a captured local: a field of a closure object.</summary>
public sealed class CapturedValue(double value)
{
    public double Value = value;

    /// <summary>The expression <c>closure.Value</c> for a new closure holding <paramref name="value"/>.</summary>
    public static MemberExpression Read(double value) => Expression.Field(Expression.Constant(new CapturedValue(value)), nameof(Value));
}
