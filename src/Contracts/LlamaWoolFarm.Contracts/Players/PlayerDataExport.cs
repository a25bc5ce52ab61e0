namespace LlamaWoolFarm.Contracts.Players;

/// <summary>One owner's part of a player's data as a JSON document (camelCase), to be embedded in the export as is.</summary>
public sealed record PlayerDataExport(Guid PlayerId, string Part, string Json);
