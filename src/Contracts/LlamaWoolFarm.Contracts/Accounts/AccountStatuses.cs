namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>The values of <see cref="AccountStatus.Status"/> (stable names).</summary>
public static class AccountStatuses
{
    public const string Active = "active";
    public const string DeletionPending = "deletion_pending";
    public const string Deleted = "deleted";
    public const string Unknown = "unknown";
}
