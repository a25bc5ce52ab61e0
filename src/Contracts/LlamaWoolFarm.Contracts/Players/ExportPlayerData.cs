namespace LlamaWoolFarm.Contracts.Players;

/// <summary>
/// Request for everything one owner stores about a player, for <c>GET players/me/export</c>. Published to every
/// owner; only the owner of <c>Part</c> (<see cref="PlayerDataParts.Exported"/>) answers <see cref="PlayerDataExport"/>.
/// </summary>
public sealed record ExportPlayerData(Guid PlayerId, string Part);
