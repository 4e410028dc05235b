using System.Linq.Expressions;
using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>
/// Guard blocks: the values placed in a branch that holds a guarded invariant (<see cref="ProcedureSchedule.Guarded"/>)
/// are computed once, in one <c>if (test) { … }</c> block before everything that reads them — the conditionals
/// on that test and the scatter loops that read the invariants under it — instead of again in each conditional
/// (<see cref="InBranch"/>) and at every iteration of the loops.
/// </summary>
internal sealed partial class ExpressionEmitter
{
    // Each guard block's marker, a definition its readers read (as a fused loop's readers read its marker), so it is scheduled before them.
    private readonly Dictionary<Scope, ParameterExpression> _guardMarkers = [];

    private bool IsGuardScope(Scope scope) => _schedule.Guarded.Values.Contains(scope);

    private ParameterExpression GuardMarker(Scope scope)
    {
        if (!_guardMarkers.TryGetValue(scope, out var marker)) _guardMarkers[scope] = marker = Expression.Variable(typeof(double), "guard");
        return marker;
    }

    /// <summary>A guarded invariant read by a loop (only under its test): its value, after its guard block.</summary>
    private Expression? GuardedRead(Node node, Expression value) =>
        _schedule.Guarded.TryGetValue(node, out var scope) ? Expression.Block(GuardMarker(scope), value) : null;

    /// <summary>Each guard block read, as a definition of the method body: <c>guard = { if (test) { statements } 0 }</c>.</summary>
    private void AddGuardBlocks()
    {
        foreach (var (scope, marker) in _guardMarkers)
        {
            var test = Value(scope.Test!);
            var statements = StatementsIn(scope);
            Expression guarded = statements.Count == 0 ? Expression.Empty() : Expression.Block(statements);
            StatementsIn(Scope.Root).Add(Expression.Assign(marker, Expression.Block(
                Expression.IfThen(scope.Branch ? test : Expression.Not(test), guarded), Expression.Constant(0.0))));
        }
    }

    /// <summary>
    /// A scatter loop whose every write is guarded by the same test computed before it (a <c>Where</c> filter's)
    /// runs under that test (loop unswitching): a row the filter excludes skips the loop instead of testing at every element.
    /// </summary>
    private Expression Unswitched(ScatterLoop loop, Expression emitted)
    {
        var body = loop.Body;
        if (body.Direct.Count == 0 || body.ScatterLoops.Count > 0 || body.Scatters?.Matrices.Count > 0 || loop.Carry is not null) return emitted;
        var (test, whenTrue) = body.Direct[0].Guards.FirstOrDefault();
        if (test is null || body.Direct.Any(d => d.Guards.Count == 0 || d.Guards[0] != (test, whenTrue))) return emitted;
        if (AvailableAt(Scope.Root)(test) is not { } value) return emitted;
        return Expression.IfThen(whenTrue ? value : Expression.Not(value), emitted);
    }
}
