namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>Request to find or create the guest account of a device; answered with <see cref="GuestRegistered"/>.</summary>
public sealed record RegisterGuest(string DeviceId, string? RequestId);
