namespace LlamaWoolFarm.Contracts.Events;

/// <summary>The running events and the ones scheduled next.</summary>
public sealed record ActiveEvents(IReadOnlyList<CompetitionEventView> Running, IReadOnlyList<CompetitionEventView> Upcoming);
