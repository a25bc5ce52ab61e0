using MassTransit;

namespace LlamaWoolFarm.Workers.Accounts.StateMachines;

/// <summary>One account deletion (correlated by the player id; collection <c>saga_account_deletion_state</c>).</summary>
public sealed class AccountDeletionState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public Guid DeletionId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset PurgeAt { get; set; }

    public DateTimeOffset? PurgeStartedAt { get; set; }

    /// <summary>Parts (<c>PlayerDataParts</c>) that have not confirmed their purge yet.</summary>
    public List<string> PendingParts { get; set; } = [];

    public List<string> PurgedParts { get; set; } = [];

    /// <summary>How many times the purge commands were published (1 at the start, +1 per retry).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? StalledAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public Guid? GraceToken { get; set; }

    public Guid? RetryToken { get; set; }

    public Guid? TimeoutToken { get; set; }
}
