namespace Symbolic.Tests.Generators;

/// <summary>What the C# compiler makes of a captured local: a field of a closure object.</summary>
public sealed class CapturedValue(double value)
{
    public double Value = value;
}
