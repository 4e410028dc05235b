namespace Symbolic.Tests.Optimization;

/// <summary>Tests that count the bytes allocated by all threads run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public class AllocationMeasurements;
