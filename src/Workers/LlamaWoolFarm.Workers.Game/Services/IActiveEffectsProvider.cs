using LlamaWoolFarm.Domain.Rules;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>The events running for a player at a moment (GAME_RULES §9); every rule call of the game worker uses it.</summary>
public interface IActiveEffectsProvider
{
    /// <summary>The combined effects; <see cref="ActiveEffects.None"/> when no event runs.</summary>
    ValueTask<ActiveEffects> GetAsync(Guid playerId, DateTimeOffset at, CancellationToken cancellationToken);
}
