using LlamaWoolFarm.Domain.Rules;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>The events in force for a player (GAME_RULES §9); every rule call of the game worker uses them.</summary>
public interface IActiveEffectsProvider
{
    /// <summary>
    /// The effects over time, covering at least [<paramref name="from"/>, <paramref name="until"/>], so production
    /// across an event's start or end is counted stretch by stretch. Called once per command: implementations hand
    /// out a shared immutable timeline rather than building one per call.
    /// </summary>
    ValueTask<EffectsTimeline> GetTimelineAsync(Guid playerId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}
