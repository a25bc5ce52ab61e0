namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>Request for the player's variant of an experiment; answered with <see cref="ExperimentAssignment"/> or <see cref="ExperimentNotFound"/>.</summary>
public sealed record GetExperimentAssignment(Guid PlayerId, string ExperimentId, string? RequestId);
