using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Lowering;

/// <summary>
/// A frontend hook: reads of these properties of a value of type <see cref="Owner"/>, held in a closure or a
/// static member, are folded to constants when a model is read (see <see cref="ConstantMemberFolding"/>). The
/// frontend knows no such type itself; the layer that composes it names them (the façade names
/// <c>ParameterBlock</c>'s dimensions, so a layer written through a layout gets constant offsets and strides).
/// </summary>
/// <param name="Owner">The type whose properties are read (an immutable value: its properties are read once, at compile time).</param>
/// <param name="Properties">The names of the parameterless instance properties folded.</param>
internal sealed record ConstantMembers(Type Owner, IReadOnlySet<string> Properties)
{
    /// <summary>Whether <paramref name="read"/> reads one of these properties (its value is not looked at here).</summary>
    /// <param name="read">A member read in a model.</param>
    public bool Matches(MemberExpression read) =>
        read.Expression?.Type == Owner && read.Member is PropertyInfo { GetMethod: { IsStatic: false } } && Properties.Contains(read.Member.Name);
}
