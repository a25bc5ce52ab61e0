namespace LlamaWoolFarm.Contracts.Events;

/// <summary>An event's final ranking is archived and its rewards were sent; <c>Participants</c> counts the ranked players.</summary>
public sealed record CompetitionEventFinished(Guid EventId, long Participants, int Rewarded, DateTimeOffset FinishedAt);
