using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Differentiation;
using Symbolic.Graph;
using Symbolic.Lowering;
using Symbolic.Printing;
using Symbolic.Simplification;

namespace Symbolic.Pipeline;

/// <summary>The scalar recipes behind <see cref="Calculus"/> (derivatives, simplification, printing): lower, differentiate, simplify, emit — one graph per call.</summary>
internal static class ScalarRecipes
{
    /// <summary>∂f/∂(parameter <paramref name="index"/>), with f's own signature.</summary>
    public static LambdaExpression Partial(CompilationContext context, LambdaExpression f, int index, SimplificationLevel level)
    {
        var graph = GraphFor(f);                                                     // 1. one graph for this call
        var body = Simplifier.FoldConstants(graph, [ExpressionLowerer.Lower(graph, f, context.Frontend)], level)[0]; // 2. LINQ tree -> DAG (x - x is 0 at Algebraic)
        var seeds = new Dictionary<Node, Node> { [graph.Variable(f.Parameters[index])] = graph.One };
        var derivative = ForwardDifferentiator.Differentiate(graph, [body], seeds)[0];   // 3. chain rule, forward
        var simplified = Simplifier.Simplify(graph, derivative, level);                  // 4. rule sets to a fixpoint
        return Expression.Lambda(f.Type, Emit(simplified, level, graph), f.Name, f.Parameters); // 5. SSA expression
    }

    /// <summary>f itself, read into the graph, simplified at <paramref name="level"/>, and emitted again.</summary>
    public static LambdaExpression Simplify(CompilationContext context, LambdaExpression f, SimplificationLevel level)
    {
        var graph = GraphFor(f);
        var simplified = Simplifier.Simplify(graph, ExpressionLowerer.Lower(graph, f, context.Frontend), level);
        return Expression.Lambda(f.Type, Emit(simplified, level, graph), f.Name, f.Parameters);
    }

    /// <summary>f as math text, after the exact simplifications every graph applies; vectors as [e0, e1, ...].</summary>
    public static string ToMathString(CompilationContext context, LambdaExpression f)
    {
        var graph = GraphFor(f);
        if (f.ReturnType == graph.ElementType.Type) return MathPrinter.Print(ExpressionLowerer.Lower(graph, f, context.Frontend));
        var arrays = f.Parameters.Where(p => p.Type == graph.ElementType.ArrayType).ToHashSet();
        var (elements, _) = ExpressionLowerer.LowerVector(graph, f, context.Frontend, arrays);
        return "[" + string.Join(", ", Dense(graph, elements).Select(MathPrinter.Print)) + "]";
    }

    /// <summary>LaTeX of a scalar function, or a column vector of a vector function's elements.</summary>
    public static string ToLatex(CompilationContext context, LambdaExpression f)
    {
        var graph = GraphFor(f);
        var arrays = f.Parameters.Where(p => p.Type == graph.ElementType.ArrayType).ToHashSet();
        if (f.ReturnType == graph.ElementType.Type) return LatexPrinter.Print(ExpressionLowerer.Lower(graph, f, context.Frontend, arrays));
        var (elements, _) = ExpressionLowerer.LowerVector(graph, f, context.Frontend, arrays);
        return @"\begin{pmatrix} " + string.Join(@" \\ ", Dense(graph, elements).Select(LatexPrinter.Print)) + @" \end{pmatrix}";
    }

    /// <summary>Every element of a vector up to the last one written, zeros where none is (printed text lists them all).</summary>
    private static IEnumerable<Node> Dense(NodeGraph graph, IReadOnlyList<(int Index, Node Value)> elements)
    {
        var next = 0;
        foreach (var (index, value) in elements)
        {
            for (; next < index; next++) yield return graph.Zero;
            yield return value;
            next = index + 1;
        }
    }

    private static Expression Emit(Node node, SimplificationLevel level, NodeGraph graph) =>
        ExpressionEmitter.Emit(node, EmitOptions.For(level) with { Element = graph.ElementType });

    /// <summary>A graph in the model's arithmetic: float for a function returning float (or float[]), double otherwise.</summary>
    private static NodeGraph GraphFor(LambdaExpression f) =>
        new(ElementType.Of(f.ReturnType.IsArray ? f.ReturnType.GetElementType()! : f.ReturnType) ?? ElementType.Double);
}
