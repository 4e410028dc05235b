using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>A branch (the test's outcome) inside a parent scope, or the method body (no test).</summary>
internal sealed record Scope(Node? Test, bool Branch, Scope? Parent)
{
    /// <summary>The method body: computed on every path.</summary>
    public static readonly Scope Root = new(null, false, null);

    /// <summary>Whether this scope is <paramref name="inner"/> or one of its enclosing scopes.</summary>
    public bool Encloses(Scope inner)
    {
        for (Scope? s = inner; s is not null; s = s.Parent)
            if (s == this) return true;
        return false;
    }

    /// <summary>The innermost scope containing both.</summary>
    public static Scope Common(Scope a, Scope b)
    {
        var ancestorsOfA = new HashSet<Scope>();
        for (Scope? s = a; s is not null; s = s.Parent) ancestorsOfA.Add(s);
        for (Scope? s = b; s is not null; s = s.Parent) if (ancestorsOfA.Contains(s)) return s;
        return Root;
    }

    /// <summary>"root", or the chain of branches from the outside in ("#7 true / #12 false").</summary>
    public override string ToString()
    {
        var branches = new List<string>();
        for (Scope? s = this; s?.Test is not null; s = s.Parent) branches.Add($"#{s.Test.Id} {(s.Branch ? "true" : "false")}");
        branches.Reverse();
        return branches.Count == 0 ? "root" : string.Join(" / ", branches);
    }
}
