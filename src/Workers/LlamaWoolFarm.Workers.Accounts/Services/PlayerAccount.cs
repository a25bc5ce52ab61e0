namespace LlamaWoolFarm.Workers.Accounts.Services;

/// <summary>A player account (collection <c>players</c>, owned by the accounts worker).</summary>
public sealed class PlayerAccount
{
    public Guid PlayerId { get; set; }

    /// <summary>The device a guest account was created from; unique.</summary>
    public string? DeviceId { get; set; }

    public List<string> Roles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
