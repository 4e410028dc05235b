using Microsoft.Extensions.Hosting;
using Symbolic.Orleans.Tests.Cluster;

namespace Symbolic.Orleans.Tests;

/// <summary>Registering models on a silo: bad arguments are refused at registration, naming the culprit.</summary>
public sealed class ModelRegistrationTests
{
    private static readonly PartitionLoader<double[]> Loader = (_, _, _) => ValueTask.FromResult(Array.Empty<double[]>());

    private static void OnSilo(Action<ISiloBuilder> configure) => Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true }).UseOrleans(configure);

    [Fact]
    public void ASecondModelOfTheSameNameIsAnArgumentExceptionNamingIt()
    {
        ArgumentException? error = null;
        OnSilo(silo =>
        {
            silo.AddPartitionModel("squares", TestData.SquaredError, Loader);
            silo.AddPartitionModel("logistic", TestData.LogisticLoss, (_, _, _) => ValueTask.FromResult((Array.Empty<double[]>(), Array.Empty<double>())));
            error = Assert.Throws<ArgumentException>(() => silo.AddPartitionModel("squares", TestData.SquaredError, Loader));
        });
        Assert.NotNull(error);
        Assert.Equal("name", error.ParamName);
        Assert.Contains("'squares'", error.Message);
    }

    [Fact]
    public void NullOrEmptyArgumentsAreArgumentExceptionsNamingTheParameter()
    {
        var checkedAll = false;
        OnSilo(silo =>
        {
            Assert.Equal("name", Assert.Throws<ArgumentException>(() => silo.AddPartitionModel("", TestData.SquaredError, Loader)).ParamName);
            Assert.Equal("chunkModel", Assert.Throws<ArgumentNullException>(() => silo.AddPartitionModel<double[]>("m", null!, Loader)).ParamName);
            Assert.Equal("loader", Assert.Throws<ArgumentNullException>(() => silo.AddPartitionModel("m", TestData.SquaredError, null!)).ParamName);
            checkedAll = true;
        });
        Assert.True(checkedAll);
        Assert.Equal("silo", Assert.Throws<ArgumentNullException>(() => SiloBuilderExtensions.AddPartitionModel(null!, "m", TestData.SquaredError, Loader)).ParamName);
    }
}
