namespace LlamaWoolFarm.Contracts.Commands;

/// <summary>The values of <see cref="CommandStatus.Status"/>.</summary>
public static class CommandStatuses
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
}
