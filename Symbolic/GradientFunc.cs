namespace Symbolic;

/// <summary>
/// A compiled gradient: evaluates f at <paramref name="x"/>, writes ∇f(x) into
/// <paramref name="gradient"/> (same length as x; every entry is written) and returns f(x).
/// Allocates nothing.
/// </summary>
/// <param name="x">The point.</param>
/// <param name="gradient">The caller's buffer for ∇f(x), of length x.Length.</param>
/// <returns>f(x).</returns>
public delegate double GradientFunc(double[] x, double[] gradient);

/// <summary>A compiled gradient of a model over data: writes ∇_w f(w, data) into <paramref name="gradient"/> and returns f(w, data).</summary>
/// <typeparam name="T1">The data's type.</typeparam>
/// <param name="w">The parameters.</param>
/// <param name="data">The data (not differentiated).</param>
/// <param name="gradient">The caller's buffer, of length w.Length.</param>
/// <returns>f(w, data).</returns>
public delegate double GradientFunc<in T1>(double[] w, T1 data, double[] gradient);

/// <summary>A compiled gradient of a model over two data parameters.</summary>
/// <typeparam name="T1">The first data parameter's type.</typeparam>
/// <typeparam name="T2">The second data parameter's type.</typeparam>
/// <param name="w">The parameters.</param>
/// <param name="data1">The first data parameter.</param>
/// <param name="data2">The second data parameter.</param>
/// <param name="gradient">The caller's buffer, of length w.Length.</param>
/// <returns>f(w, data1, data2).</returns>
public delegate double GradientFunc<in T1, in T2>(double[] w, T1 data1, T2 data2, double[] gradient);

/// <summary>
/// A compiled single-precision gradient: evaluates f at <paramref name="w"/>, writes ∇f(w) into
/// <paramref name="gradient"/> (same length as w; every entry is written) and returns f(w), in float.
/// </summary>
/// <param name="w">The point.</param>
/// <param name="gradient">The caller's buffer for ∇f(w), of length w.Length.</param>
/// <returns>f(w).</returns>
public delegate float SingleGradientFunc(float[] w, float[] gradient);

/// <summary>A compiled single-precision gradient of a model over data: writes ∇_w f(w, data) into <paramref name="gradient"/> and returns f(w, data).</summary>
/// <typeparam name="T1">The data's type.</typeparam>
/// <param name="w">The parameters.</param>
/// <param name="data">The data (not differentiated).</param>
/// <param name="gradient">The caller's buffer, of length w.Length.</param>
/// <returns>f(w, data).</returns>
public delegate float SingleGradientFunc<in T1>(float[] w, T1 data, float[] gradient);

/// <summary>A compiled single-precision gradient of a model over two data parameters.</summary>
/// <typeparam name="T1">The first data parameter's type.</typeparam>
/// <typeparam name="T2">The second data parameter's type.</typeparam>
/// <param name="w">The parameters.</param>
/// <param name="a">The first data parameter.</param>
/// <param name="b">The second data parameter.</param>
/// <param name="gradient">The caller's buffer, of length w.Length.</param>
/// <returns>f(w, a, b).</returns>
public delegate float SingleGradientFunc<in T1, in T2>(float[] w, T1 a, T2 b, float[] gradient);
