using LlamaWoolFarm.Storage.Documents;

namespace LlamaWoolFarm.Workers.Leaderboards.Services;

/// <summary>A banned player the boards hide until <c>Until</c> (null: until the ban is lifted).</summary>
public sealed class HiddenPlayer
{
    public Guid PlayerId { get; set; }
    public DateTimeOffset? Until { get; set; }
}

/// <summary>
/// The players whose entries the boards hide while they are banned (collection <c>leaderboard_hidden_players</c>,
/// fed by <c>PlayerBanned</c> and <c>PlayerBanLifted</c>). Hiding only filters reads: the scores stay on the boards and
/// keep being updated, so lifting the ban (or its expiry) shows the player again with its score. Each instance
/// reads the collection at most once per <see cref="CacheFor"/>; an expired entry stops hiding on time.
/// </summary>
public sealed class HiddenPlayers(IDocumentStore store, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly IDocumentCollection<HiddenPlayer> _hidden = store.Collection<HiddenPlayer>("leaderboard_hidden_players");
    private readonly Lock _gate = new();
    private (IReadOnlyList<HiddenPlayer> Players, long ReadAt)? _cached;

    public async Task HideAsync(Guid playerId, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var id = playerId.ToString("N");
        var entry = new HiddenPlayer { PlayerId = playerId, Until = until };
        await OptimisticRetry.RunAsync(async ct =>
        {
            var stored = await _hidden.GetAsync(id, ct);
            var written = stored is null ? await _hidden.InsertAsync(id, entry, ct) : await _hidden.ReplaceAsync(id, entry, stored.Version, ct);
            if (!written)
            {
                throw new DocumentConflictException($"The hidden entry of {playerId} changed meanwhile.");
            }
        }, cancellationToken);
        Forget();
    }

    public async Task ShowAsync(Guid playerId, CancellationToken cancellationToken)
    {
        await _hidden.DeleteAsync(playerId.ToString("N"), cancellationToken);
        Forget();
    }

    /// <summary>The players hidden now.</summary>
    public async Task<IReadOnlySet<Guid>> CurrentAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<HiddenPlayer>? players = null;
        lock (_gate)
        {
            if (_cached is { } cached && Environment.TickCount64 - cached.ReadAt < CacheFor.TotalMilliseconds)
            {
                players = cached.Players;
            }
        }

        if (players is null)
        {
            var all = new List<HiddenPlayer>();
            var after = string.Empty;
            while (true)
            {
                var page = await _hidden.ListAsync(after, 500, cancellationToken);
                all.AddRange(page.Select(s => s.Document));
                if (page.Count < 500)
                {
                    break;
                }

                after = page[^1].Id;
            }

            players = all;
            lock (_gate)
            {
                _cached = (players, Environment.TickCount64);
            }
        }

        var now = clock.GetUtcNow();
        return players.Where(p => p.Until is null || p.Until > now).Select(p => p.PlayerId).ToHashSet();
    }

    private void Forget()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }
}
