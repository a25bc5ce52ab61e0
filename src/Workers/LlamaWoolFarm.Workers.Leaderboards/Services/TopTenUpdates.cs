using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Leaderboards;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>
/// Coalesces top-10 changes into <see cref="LeaderboardUpdated"/>: at most one per category per
/// <see cref="MinInterval"/>; a change inside the interval is published by the next <see cref="FlushAsync"/> (a
/// background loop calls it every interval) with the top 10 as it is then, and an unchanged top 10 is not sent
/// again. A busy board therefore costs clients one message per second, whatever the update rate. Banned players
/// (<see cref="HiddenPlayers"/>) are left out and the others ranked without them, as the board reads do.
/// </summary>
public sealed class TopTenUpdates(ILeaderboardStore store, HiddenPlayers hiddenPlayers, TimeProvider clock)
{
    public const int Size = 10;

    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The top 10 of <paramref name="category"/> may have changed.</summary>
    public async Task ChangedAsync(string category, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var state = StateOf(category);
            if (clock.GetUtcNow() - state.LastSent < MinInterval)
            {
                state.Pending = true;
                return;
            }

            await PublishAsync(category, state, publisher, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes the pending changes whose interval has passed.</summary>
    public async Task FlushAsync(IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var (category, state) in _states)
            {
                if (state.Pending && clock.GetUtcNow() - state.LastSent >= MinInterval)
                {
                    await PublishAsync(category, state, publisher, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private State StateOf(string category)
    {
        if (!_states.TryGetValue(category, out var state))
        {
            state = new State();
            _states[category] = state;
        }

        return state;
    }

    private async Task PublishAsync(string category, State state, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var hidden = await hiddenPlayers.CurrentAsync(cancellationToken);
        var top = (await store.GetTopAsync(category, 0, Size + hidden.Count, cancellationToken))
            .Where(e => !hidden.Contains(e.PlayerId)).Take(Size)
            .Select((e, i) => LeaderboardService.View(e) with { Rank = i + 1 }).ToList();
        var signature = string.Join(',', top.Select(e => $"{e.PlayerId:N}={e.Score}"));
        if (signature != state.LastSignature)
        {
            var now = clock.GetUtcNow();
            await publisher.Publish(new LeaderboardUpdated(category, top, now), cancellationToken);
            state.LastSignature = signature;
            state.LastSent = now;
        }

        state.Pending = false;
    }

    private sealed class State
    {
        public DateTimeOffset LastSent { get; set; } = DateTimeOffset.MinValue;

        public bool Pending { get; set; }

        public string? LastSignature { get; set; }
    }
}
