namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>No experiment with this id is configured (or it is switched off).</summary>
public sealed record ExperimentNotFound(string ExperimentId);
