namespace LlamaWoolFarm.Contracts.Game;

/// <summary>
/// The catalog of one rules version (wool types, buildings, upgrades, achievements, events, tuning) as the JSON
/// object the API serves, so the contract does not mirror every catalog type.
/// </summary>
public sealed record GameConfig(int RulesVersion, string CatalogJson);
