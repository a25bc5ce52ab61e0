namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>
/// Boards in memory for embedded mode: per board a list of members kept in board order (the same member strings as
/// Redis, so both adapters order identically) and a map from player to revision and member. Rank is a binary
/// search; an update moves one slot of the list. Nothing survives the process: the leaderboards worker rebuilds
/// the boards from the stored game states at start.
/// </summary>
public sealed class InProcessLeaderboardStore : ILeaderboardStore
{
    // Board order is the reverse of ordinal member order (highest score first).
    private static readonly Comparer<string> BoardOrder = Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a));

    private readonly Dictionary<string, Board> _boards = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<IReadOnlyList<SubmissionResult>> SubmitAsync(string board, IReadOnlyList<ScoreSubmission> submissions, CancellationToken cancellationToken = default)
    {
        LeaderboardBoards.Check(board);
        var results = new SubmissionResult[submissions.Count];
        lock (_lock)
        {
            if (!_boards.TryGetValue(board, out var b))
            {
                b = new Board();
                _boards[board] = b;
            }

            for (var i = 0; i < submissions.Count; i++)
            {
                results[i] = b.Submit(submissions[i]);
            }
        }

        return Task.FromResult<IReadOnlyList<SubmissionResult>>(results);
    }

    public Task<IReadOnlyList<LeaderboardEntry>> GetTopAsync(string board, long offset, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!TryGet(board, out var b) || limit <= 0 || offset < 0 || offset >= b.Order.Count)
            {
                return Task.FromResult<IReadOnlyList<LeaderboardEntry>>([]);
            }

            var count = (int)Math.Min(limit, b.Order.Count - offset);
            return Task.FromResult<IReadOnlyList<LeaderboardEntry>>(
                b.Order.GetRange((int)offset, count).Select((m, i) => LeaderboardMember.ToEntry(m, offset + i + 1)).ToList());
        }
    }

    public Task<LeaderboardEntry?> GetEntryAsync(string board, Guid playerId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(TryGet(board, out var b) && b.Players.TryGetValue(playerId, out var p)
                ? LeaderboardMember.ToEntry(p.Member, b.RankOf(p.Member) + 1)
                : null);
        }
    }

    public Task<IReadOnlyList<LeaderboardEntry>> GetAroundAsync(string board, Guid playerId, int before, int after, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!TryGet(board, out var b) || !b.Players.TryGetValue(playerId, out var p))
            {
                return Task.FromResult<IReadOnlyList<LeaderboardEntry>>([]);
            }

            var index = b.RankOf(p.Member);
            var start = Math.Max(0, index - before);
            var end = Math.Min(b.Order.Count - 1, index + after);
            return Task.FromResult<IReadOnlyList<LeaderboardEntry>>(
                b.Order.GetRange(start, end - start + 1).Select((m, i) => LeaderboardMember.ToEntry(m, start + i + 1)).ToList());
        }
    }

    public Task<IReadOnlyList<LeaderboardEntry>> GetEntriesAsync(string board, IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!TryGet(board, out var b))
            {
                return Task.FromResult<IReadOnlyList<LeaderboardEntry>>([]);
            }

            return Task.FromResult<IReadOnlyList<LeaderboardEntry>>(playerIds.Distinct()
                .Where(b.Players.ContainsKey)
                .Select(id => b.Players[id].Member)
                .Select(m => LeaderboardMember.ToEntry(m, b.RankOf(m) + 1))
                .OrderBy(e => e.Rank)
                .ToList());
        }
    }

    public Task<long> CountAsync(string board, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(TryGet(board, out var b) ? (long)b.Order.Count : 0L);
        }
    }

    public Task<bool> RemoveAsync(string board, Guid playerId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!TryGet(board, out var b) || !b.Players.Remove(playerId, out var p))
            {
                return Task.FromResult(false);
            }

            b.Order.RemoveAt(b.RankOf(p.Member));
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(string board, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_boards.Remove(LeaderboardBoards.Check(board)));
        }
    }

    private bool TryGet(string board, out Board b) => _boards.TryGetValue(LeaderboardBoards.Check(board), out b!);

    private sealed class Board
    {
        public List<string> Order { get; } = [];

        public Dictionary<Guid, (long Revision, string Member)> Players { get; } = [];

        public int RankOf(string member) => Order.BinarySearch(member, BoardOrder);

        public SubmissionResult Submit(ScoreSubmission s)
        {
            var member = LeaderboardMember.Encode(s.Score, s.At, s.PlayerId);
            long? oldRank = null;
            if (Players.TryGetValue(s.PlayerId, out var current))
            {
                var index = RankOf(current.Member);
                oldRank = index + 1;
                if (s.Revision <= current.Revision)
                {
                    return new SubmissionResult(s.PlayerId, false, oldRank, oldRank);
                }

                if (LeaderboardMember.KeyOf(current.Member) == s.Score.Key)
                {
                    // The same score keeps the time it was first reached.
                    Players[s.PlayerId] = (s.Revision, current.Member);
                    return new SubmissionResult(s.PlayerId, true, oldRank, oldRank);
                }

                Order.RemoveAt(index);
            }

            var at = Order.BinarySearch(member, BoardOrder);
            at = at < 0 ? ~at : at;
            Order.Insert(at, member);
            Players[s.PlayerId] = (s.Revision, member);
            return new SubmissionResult(s.PlayerId, true, oldRank, at + 1);
        }
    }
}
