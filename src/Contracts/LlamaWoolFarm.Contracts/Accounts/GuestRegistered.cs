namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>The guest account of a device. <c>Created</c> is false when the device already had one.</summary>
public sealed record GuestRegistered(Guid PlayerId, string DeviceId, IReadOnlyList<string> Roles, bool Created);
