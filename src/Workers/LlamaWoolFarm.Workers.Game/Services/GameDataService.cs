using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>The game worker's part of a player's data as a whole: exported as stored, or purged (game state and command outcomes).</summary>
// hot: the game worker's kept states in this process; a purged state must not be written back from memory.
public sealed class GameDataService(IDocumentStore store, HotGameStates? hot = null)
{
    private const int Batch = 500;

    private readonly IDocumentCollection<GameStateDocument> _states = GameStates.States(store);
    private readonly IDocumentCollection<CommandRecord> _commands = GameStates.Commands(store);

    /// <summary>Deletes the player's game state and every remembered command outcome; returns how many documents went.</summary>
    public async Task<long> PurgeAsync(Guid playerId, CancellationToken cancellationToken)
    {
        long removed = await _states.DeleteAsync(playerId.ToString("N"), cancellationToken) ? 1 : 0;
        hot?.Forget(playerId);
        while (await _commands.FindAsync("playerId", playerId.ToString(), Batch, cancellationToken) is { Count: > 0 } batch)
        {
            foreach (var command in batch)
            {
                removed += await _commands.DeleteAsync(command.Id, cancellationToken) ? 1 : 0;
            }
        }

        return removed;
    }

    /// <summary>The stored game state (null when the player has none) and the command outcomes, as JSON.</summary>
    public async Task<string> ExportAsync(Guid playerId, CancellationToken cancellationToken)
    {
        var state = await _states.GetAsync(playerId.ToString("N"), cancellationToken);
        var commands = await _commands.FindAsync("playerId", playerId.ToString(), 10_000, cancellationToken);
        return JsonSerializer.Serialize(
            new { state = state?.Document, commands = commands.Select(c => c.Document).OrderBy(c => c.CompletedAt).ToList() },
            DocumentJson.Options);
    }
}
