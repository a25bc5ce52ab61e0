namespace LlamaWoolFarm.Contracts.Events;

/// <summary>Request for the events running at the worker's time; answered with <see cref="ActiveEvents"/>.</summary>
public sealed record GetActiveEvents(Guid PlayerId);
