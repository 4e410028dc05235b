using System.Linq.Expressions;

namespace Symbolic.Tests.Generators;

/// <summary>
/// A random model before it becomes a LINQ tree: leaves, safe forms and conditionals. Keeping this
/// small grammar (rather than raw expressions) is what lets shrinking stay domain-safe: a form is
/// replaced by one of its operands, never opened up (log(1 + u²) never shrinks to log(u²)).
/// </summary>
public abstract record Term;

/// <summary>The model's parameter number <paramref name="Index"/>.</summary>
public sealed record VariableTerm(int Index) : Term;

/// <summary>A double literal.</summary>
public sealed record ConstantTerm(double Value) : Term;

/// <summary>A captured variable (a field of a closure object): an opaque leaf, read when the function runs.</summary>
public sealed record CapturedTerm(double Value) : Term;

/// <summary>A safe form applied to operand terms, with the form's numeric parameter.</summary>
public sealed record FormTerm(SafeForm Form, double Parameter, IReadOnlyList<Term> Operands) : Term;

/// <summary><c>test ? ifTrue : ifFalse</c>.</summary>
public sealed record ConditionalTerm(Condition Test, Term IfTrue, Term IfFalse) : Term;

/// <summary>The test of a conditional.</summary>
public abstract record Condition;

/// <summary><c>left op right</c>, op one of &lt; &lt;= &gt; &gt;= == !=.</summary>
public sealed record ComparisonCondition(ExpressionType Comparison, Term Left, Term Right) : Condition;

/// <summary><c>left &amp;&amp; right</c> or <c>left || right</c>.</summary>
public sealed record LogicalCondition(ExpressionType Connective, Condition Left, Condition Right) : Condition;

/// <summary><c>!operand</c>.</summary>
public sealed record NotCondition(Condition Operand) : Condition;
