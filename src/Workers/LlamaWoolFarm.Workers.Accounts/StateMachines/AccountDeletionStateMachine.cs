using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Workers.Accounts.Consumers;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace LlamaWoolFarm.Workers.Accounts.StateMachines;

/// <summary>
/// Deleting an account. requested → GracePeriod (the end is a scheduled message; signing in cancels and removes the
/// instance) → Confirming (the accounts worker writes the tombstone, or reports the deletion called off) → Purging
/// (every owner is asked to purge its part and confirms with <see cref="PlayerDataPurged"/>; the parts that have not
/// confirmed are asked again every retry interval) → Deleted, or Stalled when the timeout passes first: the missing
/// parts are logged and published as <see cref="AccountDeletionStalled"/>, and a late confirmation still completes it.
/// </summary>
public sealed class AccountDeletionStateMachine : MassTransitStateMachine<AccountDeletionState>
{
    public AccountDeletionStateMachine(AccountDeletionOptions options, TimeProvider clock, IEndpointNameFormatter names, ILogger<AccountDeletionStateMachine> logger)
    {
        // The queue as this bus names it (Queues.For under the default names), so a bus with its own endpoint
        // prefix — a test sharing a broker — still reaches its own accounts consumer.
        var beginPurge = new Uri("queue:" + names.Consumer<BeginAccountPurgeConsumer>());
        InstanceState(x => x.CurrentState);
        Event(() => Requested, e => e.CorrelateById(c => c.Message.PlayerId));
        Event(() => Cancelled, ByPlayerElseDiscard<AccountDeletionCancelled>(m => m.PlayerId));
        Event(() => PurgeStarted, ByPlayerElseDiscard<AccountPurgeStarted>(m => m.PlayerId));
        Event(() => Purged, ByPlayerElseDiscard<PlayerDataPurged>(m => m.PlayerId));
        Schedule(() => GraceEnd, s => s.GraceToken, s => s.Received = ByPlayerElseDiscard<EndAccountDeletionGracePeriod>(m => m.PlayerId));
        Schedule(() => Retry, s => s.RetryToken, s =>
        {
            s.Delay = options.DeletionRetryInterval;
            s.Received = ByPlayerElseDiscard<RetryPlayerDataPurge>(m => m.PlayerId);
        });
        Schedule(() => Timeout, s => s.TimeoutToken, s =>
        {
            s.Delay = options.DeletionTimeout;
            s.Received = ByPlayerElseDiscard<PlayerDataPurgeTimedOut>(m => m.PlayerId);
        });
        // A message of an earlier deletion (a cancelled timer the scheduler had sent already) changes nothing.
        OnUnhandledEvent(c =>
        {
            logger.LogDebug("Account deletion {PlayerId} in {State}: ignored {Event}", c.Saga.CorrelationId, c.Saga.CurrentState, c.Event.Name);
            return Task.CompletedTask;
        });

        Initially(
            When(Requested)
                .Then(c =>
                {
                    c.Saga.DeletionId = c.Message.DeletionId;
                    c.Saga.RequestedAt = c.Message.RequestedAt;
                    c.Saga.PurgeAt = c.Message.PurgeAt;
                })
                .Schedule(GraceEnd, c => new EndAccountDeletionGracePeriod(c.Saga.CorrelationId, c.Saga.DeletionId), c => c.Saga.PurgeAt.UtcDateTime)
                .TransitionTo(GracePeriod));

        During(
            GracePeriod,
            Ignore(Requested),
            When(Cancelled, c => c.Message.DeletionId == c.Saga.DeletionId)
                .Unschedule(GraceEnd)
                .Then(c => logger.LogInformation("Account deletion {DeletionId} of {PlayerId} cancelled ({Reason})", c.Saga.DeletionId, c.Saga.CorrelationId, c.Message.Reason))
                .Finalize(),
            When(GraceEnd!.Received, c => c.Message.DeletionId == c.Saga.DeletionId)
                .Send(beginPurge, c => new BeginAccountPurge(c.Saga.CorrelationId, c.Saga.DeletionId))
                .TransitionTo(Confirming));

        During(
            Confirming,
            Ignore(Requested),
            Ignore(GraceEnd.Received),
            When(Cancelled, c => c.Message.DeletionId == c.Saga.DeletionId)
                .Then(c => logger.LogInformation("Account deletion {DeletionId} of {PlayerId} called off at the end of the grace period ({Reason})", c.Saga.DeletionId, c.Saga.CorrelationId, c.Message.Reason))
                .Finalize(),
            When(PurgeStarted, c => c.Message.DeletionId == c.Saga.DeletionId)
                .Then(c =>
                {
                    c.Saga.PurgeStartedAt = c.Message.StartedAt;
                    c.Saga.PendingParts = [.. PlayerDataParts.Purged];
                    c.Saga.PurgedParts = [];
                    c.Saga.Attempts = 1;
                })
                .ThenAsync(PublishPendingAsync)
                .Schedule(Retry, c => new RetryPlayerDataPurge(c.Saga.CorrelationId, c.Saga.DeletionId))
                .Schedule(Timeout, c => new PlayerDataPurgeTimedOut(c.Saga.CorrelationId, c.Saga.DeletionId))
                .TransitionTo(Purging));

        During(
            Purging,
            Ignore(Requested),
            Ignore(Cancelled),
            Ignore(GraceEnd.Received),
            Ignore(PurgeStarted),
            When(Purged, c => c.Message.DeletionId == c.Saga.DeletionId)
                .Then(Confirm)
                .If(c => c.Saga.PendingParts.Count == 0, done => done
                    .Unschedule(Retry)
                    .Unschedule(Timeout)
                    .Then(c => Complete(c, clock, logger))
                    .Publish(c => new AccountDeleted(c.Saga.CorrelationId, c.Saga.DeletionId, c.Saga.DeletedAt!.Value))
                    .TransitionTo(Deleted)),
            When(Retry!.Received, c => c.Message.DeletionId == c.Saga.DeletionId)
                .Then(c =>
                {
                    c.Saga.Attempts++;
                    logger.LogInformation("Account deletion {DeletionId} of {PlayerId}: asking {Parts} again (attempt {Attempt})", c.Saga.DeletionId, c.Saga.CorrelationId, c.Saga.PendingParts, c.Saga.Attempts);
                })
                .ThenAsync(PublishPendingAsync)
                .Schedule(Retry, c => new RetryPlayerDataPurge(c.Saga.CorrelationId, c.Saga.DeletionId)),
            When(Timeout!.Received, c => c.Message.DeletionId == c.Saga.DeletionId)
                .Unschedule(Retry)
                .Then(c =>
                {
                    c.Saga.StalledAt = clock.GetUtcNow();
                    logger.LogWarning(
                        "Account deletion {DeletionId} of {PlayerId} stalled after {Attempts} attempts: {Parts} never confirmed their purge",
                        c.Saga.DeletionId, c.Saga.CorrelationId, c.Saga.Attempts, c.Saga.PendingParts);
                })
                .Publish(c => new AccountDeletionStalled(c.Saga.CorrelationId, c.Saga.DeletionId, c.Saga.PendingParts.ToList(), c.Saga.Attempts, c.Saga.StalledAt!.Value))
                .TransitionTo(Stalled));

        During(
            Stalled,
            Ignore(Requested),
            Ignore(Cancelled),
            Ignore(GraceEnd.Received),
            Ignore(PurgeStarted),
            Ignore(Retry.Received),
            Ignore(Timeout.Received),
            When(Purged, c => c.Message.DeletionId == c.Saga.DeletionId)
                .Then(Confirm)
                .If(c => c.Saga.PendingParts.Count == 0, done => done
                    .Then(c => Complete(c, clock, logger))
                    .Publish(c => new AccountDeleted(c.Saga.CorrelationId, c.Saga.DeletionId, c.Saga.DeletedAt!.Value))
                    .TransitionTo(Deleted)));

        During(
            Deleted,
            Ignore(Requested),
            Ignore(Cancelled),
            Ignore(GraceEnd.Received),
            Ignore(PurgeStarted),
            Ignore(Purged),
            Ignore(Retry.Received),
            Ignore(Timeout.Received));

        SetCompletedWhenFinalized();
    }

    public State GracePeriod { get; private set; } = null!;

    public State Confirming { get; private set; } = null!;

    public State Purging { get; private set; } = null!;

    public State Stalled { get; private set; } = null!;

    public State Deleted { get; private set; } = null!;

    public Event<AccountDeletionRequested> Requested { get; private set; } = null!;

    public Event<AccountDeletionCancelled> Cancelled { get; private set; } = null!;

    public Event<AccountPurgeStarted> PurgeStarted { get; private set; } = null!;

    public Event<PlayerDataPurged> Purged { get; private set; } = null!;

    public Schedule<AccountDeletionState, EndAccountDeletionGracePeriod> GraceEnd { get; private set; } = null!;

    public Schedule<AccountDeletionState, RetryPlayerDataPurge> Retry { get; private set; } = null!;

    public Schedule<AccountDeletionState, PlayerDataPurgeTimedOut> Timeout { get; private set; } = null!;

    /// <summary>
    /// Every message after the request belongs to the deletion of its player; one whose deletion is gone (cancelled,
    /// or completed and removed) is discarded rather than faulted, since nothing is left for it to change.
    /// </summary>
    private static Action<IEventCorrelationConfigurator<AccountDeletionState, T>> ByPlayerElseDiscard<T>(Func<T, Guid> playerId)
        where T : class => e =>
    {
        e.CorrelateById(c => playerId(c.Message));
        e.OnMissingInstance(m => m.Discard());
    };

    private static void Confirm(BehaviorContext<AccountDeletionState, PlayerDataPurged> context)
    {
        if (context.Saga.PendingParts.Remove(context.Message.Part) && !context.Saga.PurgedParts.Contains(context.Message.Part))
        {
            context.Saga.PurgedParts.Add(context.Message.Part);
        }
    }

    private static void Complete(BehaviorContext<AccountDeletionState> context, TimeProvider clock, ILogger logger)
    {
        context.Saga.DeletedAt = clock.GetUtcNow();
        logger.LogInformation("Account deletion {DeletionId} of {PlayerId} complete: every part confirmed its purge", context.Saga.DeletionId, context.Saga.CorrelationId);
    }

    private static async Task PublishPendingAsync<T>(BehaviorContext<AccountDeletionState, T> context)
        where T : class
    {
        foreach (var part in context.Saga.PendingParts)
        {
            await context.Publish(new PurgePlayerData(context.Saga.CorrelationId, context.Saga.DeletionId, part, context.Saga.Attempts));
        }
    }
}
