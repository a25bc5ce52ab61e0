using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;
using LlamaWoolFarm.Storage.Idempotency;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// What the gateway answered 202 for, so <c>GET commands/{id}</c> can tell a command not yet recorded by the game
/// worker ("pending") from an id that was never accepted (404 <c>NOT_FOUND</c>). An acceptance is written once the
/// command is durable, before the 202 leaves, into the idempotency store (Redis when the gateways share it,
/// process memory in Standalone) for <see cref="IdempotencyOptions.AcceptedCommandRetention"/>. In Standalone the outbox is the durable record too:
/// a command recorded there before a restart and not yet consumed is found in it after the restart, when the
/// memory record is gone. Once the worker has finished a command its own record answers, whatever this log holds.
/// </summary>
public sealed class AcceptedCommandLog(IIdempotencyStore store, IAcceptedCommands commands, IdempotencyOptions options, ILogger<AcceptedCommandLog> logger)
{
    private const string Fingerprint = "accepted-command";

    /// <summary>
    /// Records an accepted command. A store outage here does not undo the acceptance (the command is durable and
    /// runs): the client still gets its 202, and a poll answers from the worker's record once it ran.
    /// </summary>
    public async Task RecordAsync(Guid playerId, Guid commandId, CancellationToken cancellationToken)
    {
        var key = Key(playerId, commandId);
        try
        {
            var claim = await store.ClaimAsync(key, Fingerprint, options.ClaimLifetime, cancellationToken);
            if (claim.Outcome == IdempotencyOutcome.Claimed)
            {
                await store.CompleteAsync(key, claim.ClaimToken!, new IdempotentResponse(StatusCodes.Status202Accepted, null, []), options.AcceptedCommandRetention, CancellationToken.None);
            }
        }
        catch (Exception e) when (DependencyFailures.Classify(e) is not null)
        {
            logger.LogWarning("Accepted command {CommandId} could not be logged ({Error}); until the game worker records it, a poll answers 404.", commandId, e.Message);
        }
    }

    /// <summary>Whether the gateway accepted this command of this player (a store outage throws: the envelope's 503).</summary>
    public async Task<bool> AcceptedAsync(Guid playerId, Guid commandId, CancellationToken cancellationToken)
    {
        var key = Key(playerId, commandId);
        var claim = await store.ClaimAsync(key, Fingerprint, options.ClaimLifetime, cancellationToken);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Claimed:
                // Nothing was recorded: the probe's own claim is freed at once.
                await store.ReleaseAsync(key, claim.ClaimToken!, CancellationToken.None);
                break;
            case IdempotencyOutcome.Completed or IdempotencyOutcome.InProgress:
                return true;
        }

        return commands is CommandOutbox outbox && await outbox.HoldsAsync(commandId, playerId, cancellationToken);
    }

    // Apart from the idempotency keys' "player:…|key" entries.
    private static string Key(Guid playerId, Guid commandId) => $"accepted-command:{playerId:N}:{commandId:N}";
}
