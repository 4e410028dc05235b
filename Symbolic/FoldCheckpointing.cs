using System.Globalization;

namespace Symbolic;

/// <summary>
/// How many states of a fold (LINQ's <c>Aggregate</c>) a compiled gradient keeps for its backward sweep. Keeping
/// every state (the default) costs (T + 1) × W doubles for T steps of a W-wide state; keeping s of them, every k-th
/// with k = ⌈T/s⌉, costs about (s + k) × W doubles, and the backward sweep recomputes each segment of k steps from
/// its stored state once: one extra forward run in all. The gradient is the same, bit for bit.
/// </summary>
/// <remarks>
/// Applies to reverse mode (<c>CompileGradient</c>); forward mode, <c>Hvp</c> and <c>Hessian</c> store every state.
/// A fold whose step reads the differentiated variable at the step index (<c>x[t]</c>) stores every state too.
/// See docs/loops-with-state.md.
/// </remarks>
public sealed class FoldCheckpointing
{
    private FoldCheckpointing(int storedStates, string description) => (StoredStates, _description) = (storedStates, description);

    private readonly string _description;

    /// <summary>Every state is stored: memory (T + 1) × W doubles, no recomputation. The default.</summary>
    public static FoldCheckpointing EveryState { get; } = new(0, "every state");

    /// <summary>⌈√T⌉ states are stored, so memory grows as 2√T × W doubles; each segment is recomputed once.</summary>
    public static FoldCheckpointing SquareRoot { get; } = new(-1, "√T states");

    /// <summary>
    /// <paramref name="states"/> states are stored (every k-th, k = ⌈T/states⌉), whatever T: memory about
    /// (states + T/states) × W doubles. A count of T or more stores every state, in segments of one step.
    /// </summary>
    /// <param name="states">How many states to store; at least 1.</param>
    /// <returns>The option.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="states"/> is less than 1.</exception>
    public static FoldCheckpointing Stored(int states)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(states, 1);
        return new(states, string.Create(CultureInfo.InvariantCulture, $"{states} states"));
    }

    /// <summary>The number of stored states: 0 for <see cref="EveryState"/>, −1 for <see cref="SquareRoot"/>.</summary>
    internal int StoredStates { get; }

    /// <summary>Whether states are recomputed (anything but <see cref="EveryState"/>).</summary>
    internal bool Recomputes => StoredStates != 0;

    /// <summary>What is stored, as the docs say it ("every state", "√T states", "100 states").</summary>
    /// <returns>The description.</returns>
    public override string ToString() => _description;
}
