using LlamaWoolFarm.Domain.Rules;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>No event ever runs: for tests and tools that play the rules without events (the worker uses <see cref="RunningEventEffects"/>).</summary>
public sealed class NoActiveEffects : IActiveEffectsProvider
{
    public ValueTask<ActiveEffects> GetAsync(Guid playerId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActiveEffects.None);

    public ValueTask<EffectsTimeline> GetTimelineAsync(Guid playerId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        ValueTask.FromResult(EffectsTimeline.Empty);
}
