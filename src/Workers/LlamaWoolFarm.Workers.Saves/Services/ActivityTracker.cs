using System.Collections.Concurrent;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>
/// Writes each player's activity mark once per day per process: every game command publishes a state change, and
/// only the first of the day needs a write.
/// </summary>
public sealed class ActivityTracker(SaveRepository repository)
{
    private const int MaxRemembered = 200_000;

    private readonly ConcurrentDictionary<(Guid Player, string Day), byte> _marked = new();

    public async Task MarkAsync(Guid playerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = (playerId, SaveRepository.Day(at));
        if (_marked.ContainsKey(key))
        {
            return;
        }

        await repository.MarkActiveAsync(playerId, at, cancellationToken);
        if (_marked.Count >= MaxRemembered)
        {
            _marked.Clear();
        }

        _marked.TryAdd(key, 0);
    }
}
