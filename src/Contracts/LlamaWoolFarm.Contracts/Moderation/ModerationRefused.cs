namespace LlamaWoolFarm.Contracts.Moderation;

/// <summary>A refused moderation command: a stable code of <see cref="ModerationErrorCodes"/> and a message.</summary>
public sealed record ModerationRefused(string Code, string Message);
