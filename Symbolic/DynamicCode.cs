namespace Symbolic;

/// <summary>
/// The message of <see cref="System.Diagnostics.CodeAnalysis.RequiresDynamicCodeAttribute"/> on the entry points whose
/// purpose is a compiled delegate. Under NativeAOT, <c>LambdaExpression.Compile()</c> falls back to the expression
/// interpreter: they still work, but 34–285 times slower than compiled (measured, docs/packaging.md) — a user who
/// publishes with NativeAOT should hear of it from the analyzer, not from a profiler.
/// </summary>
internal static class DynamicCode
{
    public const string CompilesDelegate =
        "Compiles an expression tree to IL. Under NativeAOT it runs on the expression interpreter instead, 34-285x slower (see docs/packaging.md).";
}
