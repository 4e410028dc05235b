using System.Linq.Expressions;
using Symbolic.Optimization;
using Symbolic.Pipeline;
using static Symbolic.Samples.Digits.DigitsMlp;

namespace Symbolic.Tests.Names;

/// <summary>
/// The digits sample names its hidden layer and logits with <see cref="Functions.Let{TResult}(double[], Func{double[], TResult})"/>
/// (samples/Digits/DigitsMlp.cs); before, it wrote the hidden layer out twice. Both forms go through the same passes
/// to the same program: the names cost nothing.
/// </summary>
public class DigitsLetTests
{
    private static readonly ParameterBlock W1 = Layout["W1"], B1 = Layout["b1"], W2 = Layout["W2"], B2 = Layout["b2"];

    /// <summary>The sample's model as it was written before <c>Let</c>: the hidden layer inside the log-sum-exp and again in the label term.</summary>
    private static readonly Expression<Func<double[], double[][], double[][], double>> WrittenOut = (p, xs, ys) =>
        xs.Zip(ys, (x, y) =>
            Functions.LogSumExp(Enumerable.Range(0, Classes).Select(c =>
                Enumerable.Range(0, Hidden).Sum(j => p[W2.Offset + c * W2.Columns + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[W1.Offset + j * W1.Columns + k] * x[k]) + p[B1.Offset + j])) + p[B2.Offset + c]))
            - Enumerable.Range(0, Classes).Sum(c => y[c] *
                (Enumerable.Range(0, Hidden).Sum(j => p[W2.Offset + c * W2.Columns + j] * Math.Tanh(Enumerable.Range(0, Inputs).Sum(k => p[W1.Offset + j * W1.Columns + k] * x[k]) + p[B1.Offset + j])) + p[B2.Offset + c])))
        .Average();

    [Fact]
    public void The_model_with_names_compiles_to_the_same_program_as_written_out()
    {
        var (named, written) = (Trace(CrossEntropy), Trace(WrittenOut));

        Assert.Contains("matmul", named.After("recognize"));
        foreach (var pass in new[] { "lower", "recognize", "reverse", "simplify", "recognize-adjoints", "reuse-grids", "plan-scatters" })
            Assert.Equal(written.After(pass), named.After(pass));
    }

    private static PassTrace Trace(LambdaExpression f)
    {
        var trace = new PassTrace();
        GradientPasses.Run(Calculus.DefaultContext, f, new GradientPassOptions(RecognizeProducts: true, trace));
        return trace;
    }
}
