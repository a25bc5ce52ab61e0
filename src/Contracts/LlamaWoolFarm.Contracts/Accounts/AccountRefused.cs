namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>A refused account request: a stable error code, a message and the field at fault, if one is.</summary>
public sealed record AccountRefused(string Code, string Message, string? Field);
