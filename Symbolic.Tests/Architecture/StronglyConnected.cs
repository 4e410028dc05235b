namespace Symbolic.Tests.Architecture;

/// <summary>Strongly connected components of a directed graph (Tarjan's algorithm, iterative: no recursion).</summary>
public static class StronglyConnected
{
    /// <summary>The components of the graph the edges make; a component of more than one vertex is a cycle.</summary>
    public static List<List<string>> Components(IEnumerable<(string From, string To)> edges)
    {
        var successors = new Dictionary<string, List<string>>();
        foreach (var (from, to) in edges)
        {
            (successors.TryGetValue(from, out var list) ? list : successors[from] = []).Add(to);
            if (!successors.ContainsKey(to)) successors[to] = [];
        }
        var (index, low, onStack) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new HashSet<string>());
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        foreach (var start in successors.Keys)
        {
            if (index.ContainsKey(start)) continue;
            var work = new Stack<(string Vertex, int Next)>([(start, 0)]);
            (index[start], low[start]) = (index.Count, index.Count);
            stack.Push(start);
            onStack.Add(start);
            while (work.TryPop(out var frame))
            {
                var (v, next) = frame;
                if (next < successors[v].Count)
                {
                    work.Push((v, next + 1));
                    var w = successors[v][next];
                    if (!index.ContainsKey(w))
                    {
                        (index[w], low[w]) = (index.Count, index.Count);
                        stack.Push(w);
                        onStack.Add(w);
                        work.Push((w, 0));
                    }
                    else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                if (work.TryPeek(out var parent)) low[parent.Vertex] = Math.Min(low[parent.Vertex], low[v]);
                if (low[v] != index[v]) continue;
                var component = new List<string>();
                string popped;
                do
                {
                    popped = stack.Pop();
                    onStack.Remove(popped);
                    component.Add(popped);
                }
                while (popped != v);
                components.Add(component);
            }
        }
        return components;
    }
}
