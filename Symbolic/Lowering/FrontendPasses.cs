using System.Linq.Expressions;

namespace Symbolic.Lowering;

/// <summary>
/// The frontend's passes over the expression tree, in order, before lowering: reject what cannot be read, fold the
/// context's constant members (e.g. <c>ParameterBlock</c> dimensions), bind names (<c>Functions.Let</c>, arrays built in the model), rewrite folds over tuples of doubles into folds over arrays, expand <c>Linalg</c> calls into the sums they
/// stand for, merge a sum over a batch of folds into one fold over the stacked states. One list, used by every recipe (directly, or through <see cref="ExpressionLowerer.Lower"/>).
/// </summary>
internal static class FrontendPasses
{
    /// <summary>The body of a model, ready to lower.</summary>
    /// <param name="body">The model's body.</param>
    /// <param name="frontend">The hooks the model is read with.</param>
    /// <param name="after">Called with each pass's name and output (print-after-each-pass), if given.</param>
    public static Expression Run(Expression body, FrontendSettings frontend, Action<string, Expression>? after = null)
    {
        UnsupportedConstructs.Reject(body);
        after?.Invoke("frontend.reject-unsupported", body);
        body = ConstantMemberFolding.Fold(body, frontend.ConstantMembers);
        after?.Invoke("frontend.fold-constant-members", body);
        // Before Linalg's expansion, so that a named Linalg result is expanded where it is read.
        body = NameBinding.Bind(body, frontend.Rules);
        after?.Invoke("frontend.bind-names", body);
        body = TupleStates.Rewrite(body);
        after?.Invoke("frontend.tuple-states", body);
        body = LinalgExpansion.Expand(body);
        after?.Invoke("frontend.expand-linalg", body);
        // After the expansion, so that a step written with Linalg reads its state by components.
        body = BatchedFolds.Rewrite(body);
        after?.Invoke("frontend.batch-folds", body);
        return body;
    }
}
