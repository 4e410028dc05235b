using System.Linq.Expressions;
using System.Reflection;

namespace Symbolic.Extensibility;

/// <summary>
/// How Symbolic treats a call to a user's method: differentiated through given partial derivatives
/// (the call itself is emitted), or replaced by a lambda's body (inlined, then differentiated as usual).
/// </summary>
internal abstract record CallRule(MethodInfo Method);

/// <summary>
/// The call is kept; its partial derivatives are lambdas over the same parameters (which may call
/// methods with rules of their own, so derivatives of any order exist).
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="Partials">
/// ∂f/∂(parameter k), one lambda per parameter; null for a method that only a rule's partial calls
/// (its value is computed, its own derivative is unknown: asking for it is an error).
/// </param>
/// <param name="IsPure">Known not to throw: may be hoisted out of loops like arithmetic.</param>
internal sealed record DifferentiatedCall(MethodInfo Method, IReadOnlyList<LambdaExpression>? Partials, bool IsPure) : CallRule(Method);

/// <summary>The call is replaced by the body of <paramref name="Definition"/>, its parameters by the arguments.</summary>
internal sealed record InlinedCall(MethodInfo Method, LambdaExpression Definition) : CallRule(Method);
