using LlamaWoolFarm.Contracts.Commands;
using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>What a handled command produced: its record, the state and scores after it. Replays carry the same record.</summary>
public sealed record CommandOutcome(CommandRecord Record, GameStateView State, ScoresChanged Scores, bool Replayed)
{
    /// <summary>
    /// Publishes the result events. A replay publishes them again (the first publish may have been lost with a
    /// crash); every subscriber deduplicates by <c>CommandId</c> (scores by <c>Revision</c>).
    /// </summary>
    public async Task PublishAsync(IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        if (Record.Status == CommandStatuses.Rejected)
        {
            await publisher.Publish(
                new ActionRejected(Record.CommandId, Record.PlayerId, Record.ActionType, Record.ErrorCode!, Record.ErrorMessage ?? string.Empty, Record.CompletedAt) { Quantity = Record.Quantity, Target = Record.Target },
                cancellationToken);
            return;
        }

        foreach (var grant in Record.OfflineGranted)
        {
            await publisher.Publish(grant, cancellationToken);
        }

        if (Record.Prestige is { } prestige)
        {
            await publisher.Publish(prestige, cancellationToken);
        }

        foreach (var achievement in Record.AchievementsUnlocked)
        {
            await publisher.Publish(new AchievementUnlocked(Record.PlayerId, Record.CommandId, achievement, Record.CompletedAt), cancellationToken);
        }

        // The applied command rides on the state change: one delivery to realtime carries both of its pushes.
        var applied = new ActionApplied(Record.CommandId, Record.PlayerId, Record.ActionType, Record.Target, Record.Quantity, Record.Changes, Record.CompletedAt);
        await publisher.Publish(
            new GameStateChanged(Record.PlayerId, Record.CommandId, State.Revision, State, State.MaterializedAt) { WoolProduced = Record.WoolProduced, ActionType = Record.ActionType, Quantity = Record.Quantity, ActionAt = Record.CompletedAt, Applied = applied },
            cancellationToken);
        await publisher.Publish(Scores, cancellationToken);
        if (Record.DayStarted is { } dayStarted)
        {
            await publisher.Publish(dayStarted, cancellationToken);
        }
    }
}
