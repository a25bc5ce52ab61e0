namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>An account whose credentials were accepted (or that was just created or linked).</summary>
public sealed record AccountAuthenticated(Guid PlayerId, IReadOnlyList<string> Roles, bool Created);
