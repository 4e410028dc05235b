using System.Linq.Expressions;

namespace Symbolic.Tests.Generators;

/// <summary>
/// One shape of random model, defined and smooth (away from its documented kinks) for EVERY real
/// value of its operands: the domain guard is part of the shape (log(p + u²), asin(p·tanh u)), so
/// random trees are domain-safe by construction and stay so when shrunk.
/// </summary>
/// <param name="Name">The shape in math text, with operands u, v and parameter p.</param>
/// <param name="Arity">How many operand terms it takes.</param>
/// <param name="Parameters">The values p may take (one is drawn per use).</param>
/// <param name="Build">The LINQ expression, from the operands' expressions and p.</param>
/// <param name="DistinctOperands">Equal operands would sit on its kink everywhere (max(x, x)): the generator avoids them.</param>
public sealed record SafeForm(string Name, int Arity, double[] Parameters, Func<Expression[], double, Expression> Build, bool DistinctOperands = false)
{
    public override string ToString() => Name;
}
