using System.Linq.Expressions;

namespace Symbolic.Bench.Compilation;

/// <summary>Functions of one double with about a thousand expression nodes, built with the Expression API.</summary>
public static class LargeFunctions
{
    private static readonly Func<double, double> Sin = Math.Sin, Cos = Math.Cos, Tanh = Math.Tanh, Atan = Math.Atan, Exp = Math.Exp, Log = Math.Log, Sqrt = Math.Sqrt;

    /// <summary>
    /// A random tree (fixed seed) over + - * sin cos tanh atan and the domain-safe forms u / (2 + sin v),
    /// log(2 + cos u), √(2 + cos u), exp(sin u): a function with little exploitable structure, finite
    /// everywhere. No sub-tree object is used twice, so the body is a true tree of the counted size.
    /// </summary>
    /// <param name="size">Roughly the number of expression nodes wanted.</param>
    public static Expression<Func<double, double>> Random(int size, int seed = 20_240_601)
    {
        var x = Expression.Parameter(typeof(double), "x");
        var random = new Random(seed);
        return Expression.Lambda<Func<double, double>>(Tree(size), x);

        // Recursion depth is bounded by the size split below (about 2 log2(size) + unary chains): fine for 1,000.
        Expression Tree(int budget)
        {
            if (budget <= 2)
                return random.Next(3) == 0 ? Expression.Constant(Math.Round(0.5 + 2 * random.NextDouble(), 2)) : x;
            switch (random.Next(10))
            {
                case 0: return Call(Sin, Tree(budget - 1));
                case 1: return Call(Cos, Tree(budget - 1));
                case 2: return Call(Tanh, Tree(budget - 1));
                case 3: return Call(Atan, Tree(budget - 1));
                case 4: return Call(Exp, Call(Sin, Tree(budget - 2)));
                case 5: return Call(Log, TwoPlus(Cos, Tree(budget - 4)));
                case 6: return Call(Sqrt, TwoPlus(Cos, Tree(budget - 4)));
            }
            var left = 1 + random.Next(budget - 2);
            var right = budget - 1 - left;
            return random.Next(4) switch
            {
                0 => Expression.Add(Tree(left), Tree(right)),
                1 => Expression.Subtract(Tree(left), Tree(right)),
                2 => Expression.Multiply(Tree(left), Tree(right)),
                _ => Expression.Divide(Tree(left), TwoPlus(Sin, Tree(Math.Max(1, right - 3)))),
            };
        }
    }

    /// <summary>
    /// A structured sum of damped waves, Σₖ aₖ·sin(bₖ·x + cₖ)·exp(-dₖ·x²) + eₖ·x/(1 + fₖ·x²), with
    /// <paramref name="terms"/> terms (28 nodes each): the shape of a fitted model.
    /// </summary>
    public static Expression<Func<double, double>> SumOfTerms(int terms)
    {
        var x = Expression.Parameter(typeof(double), "x");
        Expression? sum = null;
        for (var k = 1; k <= terms; k++)
        {
            Expression C(double value) => Expression.Constant(value);
            var wave = Expression.Multiply(
                Expression.Multiply(C(1.0 / k), Call(Sin, Expression.Add(Expression.Multiply(C(0.5 * k), x), C(0.1 * k)))),
                Call(Exp, Expression.Multiply(C(-0.01 * k), Expression.Multiply(x, x))));
            var bump = Expression.Divide(Expression.Multiply(C(0.2 * k), x), Expression.Add(C(1.0), Expression.Multiply(C(0.3 * k), Expression.Multiply(x, x))));
            var term = Expression.Add(wave, bump);
            sum = sum is null ? term : Expression.Add(sum, term);
        }
        return Expression.Lambda<Func<double, double>>(sum!, x);
    }

    /// <summary>The number of nodes in the lambda's body (every parameter reference and constant counts).</summary>
    public static int CountNodes(LambdaExpression f)
    {
        var counter = new Counter();
        counter.Visit(f.Body);
        return counter.Count;
    }

    private static Expression TwoPlus(Func<double, double> method, Expression u) => Expression.Add(Expression.Constant(2.0), Call(method, u));

    private static MethodCallExpression Call(Func<double, double> method, Expression argument) => Expression.Call(method.Method, argument);

    private sealed class Counter : ExpressionVisitor
    {
        public int Count { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (node is not null) Count++;
            return base.Visit(node);
        }
    }
}
