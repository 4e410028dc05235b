using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using Microsoft.Extensions.DependencyInjection;

namespace Symbolic.Orleans;

/// <summary>
/// Registers models on a silo. Expression trees are code, not data: every silo of the cluster registers
/// the same models under the same names at start-up, and a <see cref="ClusterGradient"/> refers to a
/// model by its name only.
/// </summary>
public static class SiloBuilderExtensions
{
    /// <summary>Registers a model over one array of rows and the loader of its partitions.</summary>
    /// <typeparam name="TRow">The type of a row.</typeparam>
    /// <param name="silo">The silo being configured.</param>
    /// <param name="name">The model's name, unique on the silo; clients use it.</param>
    /// <param name="chunkModel">
    /// The loss over some rows, e.g. <c>(w, rows) =&gt; rows.Sum(r =&gt; …)</c>; compiled with
    /// <see cref="Calculus.CompileGradient{T1}(System.Linq.Expressions.Expression{Func{double[], T1, double}})"/> once per partition activation. It must be additive over rows
    /// (a sum or a mean, see <see cref="ClusterGradientOptions.Reduction"/>).
    /// </param>
    /// <param name="loader">Loads a partition's rows on the silo that hosts it.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty, or a model of that name is already registered.</exception>
    [RequiresDynamicCode("Compiles the model with CompileGradient on each activation; under NativeAOT it runs on the expression interpreter, 34-285x slower.")]
    public static ISiloBuilder AddPartitionModel<TRow>(this ISiloBuilder silo, string name, Expression<Func<double[], TRow[], double>> chunkModel, PartitionLoader<TRow> loader)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        ArgumentNullException.ThrowIfNull(loader);
        return Register(silo, name, () => new RowPartitionModel<TRow>(name, chunkModel, loader));
    }

    /// <summary>Registers a model over parallel inputs and targets and the loader of its partitions.</summary>
    /// <typeparam name="T1">The type of an input row.</typeparam>
    /// <typeparam name="T2">The type of a target.</typeparam>
    /// <param name="silo">The silo being configured.</param>
    /// <param name="name">The model's name, unique on the silo; clients use it.</param>
    /// <param name="chunkModel">
    /// The loss over some rows, e.g. <c>(w, xs, ys) =&gt; xs.Zip(ys, (x, y) =&gt; …).Sum()</c>; compiled with
    /// <see cref="Calculus.CompileGradient{T1, T2}(System.Linq.Expressions.Expression{Func{double[], T1, T2, double}})"/> once per partition activation. It must be additive over
    /// rows (a sum or a mean, see <see cref="ClusterGradientOptions.Reduction"/>).
    /// </param>
    /// <param name="loader">Loads a partition's inputs and targets on the silo that hosts it.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty, or a model of that name is already registered.</exception>
    [RequiresDynamicCode("Compiles the model with CompileGradient on each activation; under NativeAOT it runs on the expression interpreter, 34-285x slower.")]
    public static ISiloBuilder AddPartitionModel<T1, T2>(this ISiloBuilder silo, string name, Expression<Func<double[], T1[], T2[], double>> chunkModel, PartitionLoader<T1, T2> loader)
    {
        ArgumentNullException.ThrowIfNull(chunkModel);
        ArgumentNullException.ThrowIfNull(loader);
        return Register(silo, name, () => new PairPartitionModel<T1, T2>(name, chunkModel, loader));
    }

    private static ISiloBuilder Register(ISiloBuilder silo, string name, Func<PartitionModel> create)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (silo.Services.Any(d => d.ServiceType == typeof(PartitionModel) && d.ImplementationInstance is PartitionModel m && m.Name == name))
            throw new ArgumentException($"A model named '{name}' is already registered on this silo.", nameof(name));
        // The first model registers what all models share: the registry and the partitions' placement.
        if (!silo.Services.Any(d => d.ServiceType == typeof(PartitionModelRegistry)))
        {
            silo.Services.AddSingleton<PartitionModelRegistry>();
            silo.AddPlacementDirector<PartitionPlacementStrategy, PartitionPlacementDirector>();
        }
        silo.Services.AddSingleton(create());
        return silo;
    }
}
