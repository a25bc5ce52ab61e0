using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>Competition rewards (GAME_RULES §8–9): Golden Fleece, +1% production each, kept forever.</summary>
public static class EventRewards
{
    /// <summary>
    /// The rule of a reward: production up to now accrues at the rate without it, then the Golden Fleece is added.
    /// A reward is not the player's activity, so it neither extends their time online nor ends an absence.
    /// </summary>
    public static ActionResult Grant(GameEngine engine, PlayerState state, long goldenFleece, DateTimeOffset now, EffectsTimeline events)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(state);
        if (goldenFleece <= 0)
        {
            return ActionResult.Refused(ErrorCodes.InvalidQuantity, "A reward grants at least one Golden Fleece.");
        }

        var result = engine.Materialize(state, now, events);
        state.GoldenFleece += goldenFleece;
        return result;
    }

    /// <summary>What the saga hears once the reward is in the state (again on a replay: it counts each rank once).</summary>
    public static EventRewardGranted Granted(GrantEventReward command, CommandOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(outcome);
        return new EventRewardGranted(command.EventId, command.PlayerId, command.CommandId, command.Rank, command.GoldenFleece, outcome.State.GoldenFleece, outcome.Record.CompletedAt);
    }
}
