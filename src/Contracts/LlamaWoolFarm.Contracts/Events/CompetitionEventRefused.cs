namespace LlamaWoolFarm.Contracts.Events;

/// <summary>An event was not created; <c>Code</c> is <c>INVALID_EVENT</c> or <c>OVERLAPPING_EVENT</c>, nothing changed.</summary>
public sealed record CompetitionEventRefused(Guid CommandId, string Code, string Message);
