using LlamaWoolFarm.Domain.Rules;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>No events yet: the competition-events module replaces this registration with the running events.</summary>
public sealed class NoActiveEffects : IActiveEffectsProvider
{
    public ValueTask<ActiveEffects> GetAsync(Guid playerId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActiveEffects.None);
}
