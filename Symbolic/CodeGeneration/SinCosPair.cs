using Symbolic.Graph;

namespace Symbolic.CodeGeneration;

/// <summary>sin u and cos u of the same u, read from one <see cref="Math.SinCos"/> call into the local numbered <paramref name="Local"/>.</summary>
internal sealed record SinCosPair(Node Sin, Node Cos, int Local);
