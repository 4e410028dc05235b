using FsCheck.Fluent;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Oracles;
using Xunit.Abstractions;

namespace Symbolic.Tests.Properties;

public class ScratchStats(ITestOutputHelper output)
{
    [Fact]
    public void Stats()
    {
        var fs = FunctionArbitrary.Generator(1, 4).Sample(size: 100, numberOfSamples: 1000);
        int smooth = 0, total = 0, reliable = 0, none = 0, constantF = 0; long nodes = 0; int maxNodes = 0;
        foreach (var f in fs)
        {
            var pts = f.SmoothPoints.ToList();
            if (pts.Count == 0) none++;
            smooth += pts.Count; total += f.Points.Count;
            var model = Properties.CompiledBothWays.Untyped(f.Lambda.Compile());
            foreach (var p in pts) if (FiniteDifference.Partial(model, p, 0).IsReliable(1e-7)) reliable++;
            var n = Support.ExpressionSize.NodeCount(f.Lambda); nodes += n; maxNodes = Math.Max(maxNodes, n);
            if (!f.Lambda.ToString().Contains("x ") && !f.Lambda.ToString().Contains("(x")) constantF++;
        }
        output.WriteLine($"smooth {smooth}/{total}, none {none}, FD reliable {reliable}/{smooth}, avg nodes {nodes / (double)fs.Length}, max {maxNodes}, no-x {constantF}");
        foreach (var f in fs.Where(f => !f.SmoothPoints.Any()).Where(f => f.Lambda.ToString().Length < 300).Take(25)) output.WriteLine(f.ToString());
    }
}
