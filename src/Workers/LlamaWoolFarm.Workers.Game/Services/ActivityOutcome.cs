using LlamaWoolFarm.Contracts.Game;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// What recording a heartbeat changed: the production it materialized, an offline grant it had to settle and
/// achievements it unlocked (play time). Published like a command's results, but with no <c>ActionApplied</c>:
/// a heartbeat is not an action the player took. <c>DayStarted</c> when it was the player's first change of the day.
/// </summary>
public sealed record ActivityOutcome(Guid ActivityId, GameStateView State, ScoresChanged Scores, string WoolProduced, OfflineProgressGranted? Granted, IReadOnlyList<string> Achievements, DailyPlayStarted? DayStarted = null)
{
    public async Task PublishAsync(IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        if (Granted is not null)
        {
            await publisher.Publish(Granted, cancellationToken);
        }

        foreach (var achievement in Achievements)
        {
            await publisher.Publish(new AchievementUnlocked(State.PlayerId, ActivityId, achievement, State.MaterializedAt), cancellationToken);
        }

        await publisher.Publish(new GameStateChanged(State.PlayerId, null, State.Revision, State, State.MaterializedAt) { WoolProduced = WoolProduced }, cancellationToken);
        await publisher.Publish(Scores, cancellationToken);
        if (DayStarted is not null)
        {
            await publisher.Publish(DayStarted, cancellationToken);
        }
    }
}
