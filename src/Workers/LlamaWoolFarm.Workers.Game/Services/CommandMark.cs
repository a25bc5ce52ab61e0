namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>A command the state has applied, and when.</summary>
public sealed record CommandMark(Guid CommandId, DateTimeOffset At);
