namespace LlamaWoolFarm.Contracts.Analytics;

/// <summary>
/// The player's variant of an experiment. It never changes once assigned (<c>AssignedAt</c>); <c>FirstExposure</c>
/// is true on the request that assigned it, when the exposure was recorded.
/// </summary>
public sealed record ExperimentAssignment(string ExperimentId, Guid PlayerId, string Variant, DateTimeOffset AssignedAt, bool FirstExposure);
