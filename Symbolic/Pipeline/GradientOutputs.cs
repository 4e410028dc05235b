using System.Linq.Expressions;
using Symbolic.CodeGeneration;
using Symbolic.Graph;
using static Symbolic.Pipeline.RecipeSupport;

namespace Symbolic.Pipeline;

/// <summary>
/// The outputs of value-and-gradient, all from one run of <see cref="GradientPasses"/> and its emit options:
/// <c>Grad</c> (a new vector), <c>GradientExpression</c> and <c>CompileGradient</c> (the caller's buffer),
/// <c>ToCSharpGradient</c> (the same tree, with adjoints named and commented). What prints is what runs.
/// </summary>
internal static class GradientOutputs
{
    /// <summary>∇ with respect to the first parameter (x); any further parameters are data.</summary>
    /// <remarks>
    /// The value is computed too (and discarded): where f throws — an index out of range, the
    /// average of an empty sequence — its gradient throws as well rather than return a number.
    /// With fused loops the value costs little.
    /// </remarks>
    public static LambdaExpression Grad(CompilationContext context, LambdaExpression f, PassTrace? trace = null)
    {
        var program = GradientPasses.Run(context, f, GradientPassOptions.Default with { Trace = trace });
        var m = program.Model;
        var vector = Expression.Variable(m.Graph.ElementType.ArrayType, "result");
        var body = ExpressionEmitter.Emit(program.Outputs, program.Emit, values =>
        {
            var shape = ResultShapes.NewVector(Expression.ArrayLength(m.X), Entries(m.Variables, values, offset: 1), vector, accumulate: m.HasSums);
            return shape with { Sinks = [.. shape.Sinks, values[0]] };
        }, program.PlanFor(vector));
        var guards = InputGuards(m, f.Parameters.Skip(1).ToList(), NamesOf(f.Parameters)).ToList();
        return Expression.Lambda(ArgumentGuards.Before(guards, body), f.Parameters);
    }

    /// <summary>
    /// (x, data..., gradient) =&gt; { gradient = ∇f; return f } for a delegate type whose parameters are
    /// f's followed by the gradient buffer.
    /// </summary>
    /// <param name="context">The rules, hooks and pool the model is compiled with.</param>
    /// <param name="f">The model.</param>
    /// <param name="withComments">Name and comment adjoints after their primals (for <c>ToCSharpGradient</c>): the same program, read better.</param>
    /// <param name="recognizeProducts">Off only in tests that compare the kernels with the scalar loops.</param>
    /// <param name="trace">Where each pass's output is dumped, if anywhere.</param>
    /// <param name="folds">How many states of each fold the gradient keeps (every state unless given).</param>
    public static Expression<TDelegate> CompileableGradient<TDelegate>(CompilationContext context, LambdaExpression f, bool withComments = false, bool recognizeProducts = true,
        PassTrace? trace = null, FoldCheckpointing? folds = null)
    {
        var program = GradientPasses.Run(context, f, new GradientPassOptions(recognizeProducts, trace) { Folds = folds ?? FoldCheckpointing.EveryState });
        var m = program.Model;
        var buffer = Expression.Parameter(m.Graph.ElementType.ArrayType, "gradient");
        var options = withComments ? Commented(program) : program.Emit;
        var body = ExpressionEmitter.Emit(program.Outputs, options,
            values => ResultShapes.WriteInto(buffer, [.. Entries(m.Variables, values, offset: 1)], values[0], clearAll: m.HasSums, uncleared: program.Uncleared, covered: program.Covering),
            program.PlanFor(buffer));
        // Source output names parameters after the lambda; a compiled delegate's caller sees the delegate type's names.
        var names = NamesOf([.. f.Parameters, buffer], withComments ? null : typeof(TDelegate));
        var inputs = f.Parameters.Select(p => (p, names[p])).ToList();
        List<Expression> guards = [.. InputGuards(m, f.Parameters.Skip(1).ToList(), names),
            .. ArgumentGuards.Sized(buffer, names[buffer], Expression.ArrayLength(m.X), $"as many entries as {names[m.X]}"),
            .. ArgumentGuards.Distinct(buffer, names[buffer], inputs)];
        return Expression.Lambda<TDelegate>(ArgumentGuards.Before(guards, body), [.. f.Parameters, buffer]);
    }

    /// <summary>The compiled value-and-gradient function: split into methods when large, index errors explained.</summary>
    public static TDelegate CompiledGradient<TDelegate>(CompilationContext context, LambdaExpression f) where TDelegate : Delegate =>
        CompiledGradient<TDelegate>(context, f, FoldCheckpointing.EveryState);

    /// <summary>The compiled value-and-gradient function keeping <paramref name="folds"/>' states of each fold.</summary>
    public static TDelegate CompiledGradient<TDelegate>(CompilationContext context, LambdaExpression f, FoldCheckpointing folds) where TDelegate : Delegate =>
        ArgumentGuards.ExplainingIndexErrors(MethodSplitter.Split(CompileableGradient<TDelegate>(context, f, folds: folds), context.Buffers), f).Compile();

    /// <summary>
    /// The program's emit options, with adjoints named and commented after their primals — except nodes the
    /// function's value also computes (in <c>e^x0·x1</c>, e^x0 is ∂f/∂x1 too, but reads better as itself).
    /// </summary>
    private static EmitOptions Commented(GradientProgram program)
    {
        var primalValues = GraphTraversal.Reachable([program.Outputs[0]]).ToHashSet();
        var graph = program.Model.Graph;
        return program.Emit with { PrimalOf = node => primalValues.Contains(node) ? null : graph.PrimalOf(node) };
    }
}
