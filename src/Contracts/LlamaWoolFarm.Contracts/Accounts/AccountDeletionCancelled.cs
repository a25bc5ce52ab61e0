namespace LlamaWoolFarm.Contracts.Accounts;

/// <summary>A pending deletion was called off; <c>Reason</c> is <c>sign_in</c> (the player signed in) or <c>not_pending</c>.</summary>
public sealed record AccountDeletionCancelled(Guid PlayerId, Guid DeletionId, string Reason, DateTimeOffset CancelledAt);
