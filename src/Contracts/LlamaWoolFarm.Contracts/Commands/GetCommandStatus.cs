namespace LlamaWoolFarm.Contracts.Commands;

/// <summary>Request for the outcome of a command; answered with <see cref="CommandStatus"/>.</summary>
public sealed record GetCommandStatus(Guid CommandId, Guid PlayerId);
