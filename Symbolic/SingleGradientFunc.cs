namespace Symbolic;

/// <summary>
/// A compiled gradient of a float model: evaluates f at <paramref name="x"/>, writes ∇f(x) into
/// <paramref name="gradient"/> (same length as x; every entry is written) and returns f(x). Allocates nothing.
/// </summary>
/// <param name="x">The point.</param>
/// <param name="gradient">The caller's buffer for ∇f(x), of length x.Length.</param>
/// <returns>f(x).</returns>
public delegate float SingleGradientFunc(float[] x, float[] gradient);

/// <summary>A compiled gradient of a float model over data: writes ∇_w f(w, data) into <paramref name="gradient"/> and returns f(w, data).</summary>
/// <typeparam name="T1">The data's type (e.g. float[], float[][], float[,]).</typeparam>
/// <param name="w">The parameters.</param>
/// <param name="data">The data (not differentiated).</param>
/// <param name="gradient">The caller's buffer, of length w.Length.</param>
/// <returns>f(w, data).</returns>
public delegate float SingleGradientFunc<in T1>(float[] w, T1 data, float[] gradient);

/// <summary>A compiled gradient of a float model over two data parameters.</summary>
/// <typeparam name="T1">The first data parameter's type.</typeparam>
/// <typeparam name="T2">The second data parameter's type.</typeparam>
/// <param name="w">The parameters.</param>
/// <param name="data1">The first data parameter.</param>
/// <param name="data2">The second data parameter.</param>
/// <param name="gradient">The caller's buffer, of length w.Length.</param>
/// <returns>f(w, data1, data2).</returns>
public delegate float SingleGradientFunc<in T1, in T2>(float[] w, T1 data1, T2 data2, float[] gradient);
