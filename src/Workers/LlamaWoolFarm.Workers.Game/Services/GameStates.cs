using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Game;
using LlamaWoolFarm.Storage.Documents;
using MassTransit;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The game worker's collections: <c>game_states</c> (one <see cref="GameStateDocument"/> per player) and
/// <c>commands</c> (every applied command's outcome). No other module opens them: the saves worker reaches a state
/// through <see cref="SaveStateService"/>'s messages, the leaderboards worker through <see cref="GameScoresService"/>'s.
/// </summary>
public static class GameStates
{
    public const string StatesCollection = "game_states";
    public const string CommandsCollection = "commands";

    public static IDocumentCollection<GameStateDocument> States(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Collection<GameStateDocument>(StatesCollection);
    }

    public static IDocumentCollection<CommandRecord> Commands(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Collection<CommandRecord>(CommandsCollection, new DocumentIndex("playerId"));
    }

    public static string Key(Guid playerId) => playerId.ToString("N");

    /// <summary>The player's stored state, created (a <see cref="NewGame"/> at <paramref name="now"/>) when there is none.</summary>
    public static async Task<Stored<GameStateDocument>> LoadOrCreateAsync(
        IDocumentCollection<GameStateDocument> states, Guid playerId, DateTimeOffset now, GameCatalog catalog, FarmOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        var stored = await states.GetAsync(Key(playerId), cancellationToken);
        if (stored is not null)
        {
            return stored;
        }

        var created = new GameStateDocument { PlayerId = playerId, State = NewGame.Start(playerId, now, catalog, origin) };
        // Two first requests may race to create the state: the loser reads the winner's document.
        await states.InsertAsync(Key(playerId), created, cancellationToken);
        return await states.GetAsync(Key(playerId), cancellationToken)
            ?? throw new ConcurrencyException("The game state vanished while it was created.", typeof(GameStateDocument), playerId);
    }
}
