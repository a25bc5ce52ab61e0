using System.Globalization;
using StackExchange.Redis;

namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>
/// Boards as Redis sorted sets. Per board two keys sharing a hash tag (one cluster slot): the sorted set
/// <c>{prefix}{board}</c> (score = <see cref="LeaderboardScore.SortScore"/>, member = <see cref="LeaderboardMember"/>,
/// so equal doubles are ordered exactly by the member bytes) and the hash <c>…:p</c> from player id to
/// <c>{revision}|{member}</c>, which finds a player's member and makes updates idempotent. Updates run as one Lua
/// script per batch, so a submission is atomic and a batch is one round trip.
/// </summary>
public sealed class RedisLeaderboardStore(IConnectionMultiplexer redis, string keyPrefix = "lwf:lb:") : ILeaderboardStore
{
    // ARGV: per submission 5 values (player, revision, key, score, member suffix). Returns 3 numbers per submission.
    private const string SubmitScript = """
        local z = KEYS[1]
        local h = KEYS[2]
        local out = {}
        for i = 1, #ARGV, 5 do
          local id = ARGV[i]
          local rev = tonumber(ARGV[i + 1])
          local member = ARGV[i + 2] .. '!' .. ARGV[i + 4]
          local cur = redis.call('HGET', h, id)
          local oldRank = -1
          local apply = true
          if cur then
            local sep = string.find(cur, '|', 1, true)
            local curMember = string.sub(cur, sep + 1)
            oldRank = redis.call('ZREVRANK', z, curMember) or -1
            if rev <= tonumber(string.sub(cur, 1, sep - 1)) then
              apply = false
            elseif string.sub(curMember, 1, string.find(curMember, '!', 1, true) - 1) == ARGV[i + 2] then
              member = curMember
            else
              redis.call('ZREM', z, curMember)
            end
          end
          if apply then
            redis.call('ZADD', z, ARGV[i + 3], member)
            redis.call('HSET', h, id, ARGV[i + 1] .. '|' .. member)
            out[#out + 1] = 1
            out[#out + 1] = oldRank
            out[#out + 1] = redis.call('ZREVRANK', z, member)
          else
            out[#out + 1] = 0
            out[#out + 1] = oldRank
            out[#out + 1] = oldRank
          end
        end
        return out
        """;

    private const string RemoveScript = """
        local cur = redis.call('HGET', KEYS[2], ARGV[1])
        if not cur then return 0 end
        redis.call('ZREM', KEYS[1], string.sub(cur, string.find(cur, '|', 1, true) + 1))
        redis.call('HDEL', KEYS[2], ARGV[1])
        return 1
        """;

    private readonly IConnectionMultiplexer _redis = redis;

    public async Task<IReadOnlyList<SubmissionResult>> SubmitAsync(string board, IReadOnlyList<ScoreSubmission> submissions, CancellationToken cancellationToken = default)
    {
        if (submissions.Count == 0)
        {
            return [];
        }

        var (set, players) = Keys(board);
        var args = new RedisValue[submissions.Count * 5];
        for (var i = 0; i < submissions.Count; i++)
        {
            var s = submissions[i];
            var member = LeaderboardMember.Encode(s.Score, s.At, s.PlayerId);
            args[i * 5] = s.PlayerId.ToString("N");
            args[(i * 5) + 1] = s.Revision.ToString(CultureInfo.InvariantCulture);
            args[(i * 5) + 2] = s.Score.Key;
            args[(i * 5) + 3] = s.Score.SortScore;
            args[(i * 5) + 4] = member[(s.Score.Key.Length + 1)..];
        }

        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(SubmitScript, [set, players], args))!;
        var results = new SubmissionResult[submissions.Count];
        for (var i = 0; i < submissions.Count; i++)
        {
            results[i] = new SubmissionResult(submissions[i].PlayerId, (long)result[i * 3] == 1, Rank((long)result[(i * 3) + 1]), Rank((long)result[(i * 3) + 2]));
        }

        return results;
    }

    public async Task<IReadOnlyList<LeaderboardEntry>> GetTopAsync(string board, long offset, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0 || offset < 0)
        {
            return [];
        }

        var members = await Db.SortedSetRangeByRankAsync(Keys(board).Set, offset, offset + limit - 1, Order.Descending);
        return members.Select((m, i) => LeaderboardMember.ToEntry(m!, offset + i + 1)).ToList();
    }

    public async Task<LeaderboardEntry?> GetEntryAsync(string board, Guid playerId, CancellationToken cancellationToken = default)
    {
        var (set, players) = Keys(board);
        var member = await MemberOfAsync(players, playerId);
        if (member is null)
        {
            return null;
        }

        var rank = await Db.SortedSetRankAsync(set, member, Order.Descending);
        return rank is null ? null : LeaderboardMember.ToEntry(member, rank.Value + 1);
    }

    public async Task<IReadOnlyList<LeaderboardEntry>> GetAroundAsync(string board, Guid playerId, int before, int after, CancellationToken cancellationToken = default)
    {
        var me = await GetEntryAsync(board, playerId, cancellationToken);
        if (me is null)
        {
            return [];
        }

        var start = Math.Max(0, me.Rank - 1 - before);
        var members = await Db.SortedSetRangeByRankAsync(Keys(board).Set, start, me.Rank - 1 + after, Order.Descending);
        return members.Select((m, i) => LeaderboardMember.ToEntry(m!, start + i + 1)).ToList();
    }

    public async Task<IReadOnlyList<LeaderboardEntry>> GetEntriesAsync(string board, IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken = default)
    {
        if (playerIds.Count == 0)
        {
            return [];
        }

        var (set, players) = Keys(board);
        var values = await Db.HashGetAsync(players, playerIds.Distinct().Select(id => (RedisValue)id.ToString("N")).ToArray());
        var members = values.Where(v => v.HasValue).Select(v => Member(v!)).ToList();
        var batch = Db.CreateBatch();
        var ranks = members.Select(m => batch.SortedSetRankAsync(set, m, Order.Descending)).ToList();
        batch.Execute();
        await Task.WhenAll(ranks);
        return members
            .Select((m, i) => (Member: m, Rank: ranks[i].Result))
            .Where(x => x.Rank is not null)
            .Select(x => LeaderboardMember.ToEntry(x.Member, x.Rank!.Value + 1))
            .OrderBy(e => e.Rank)
            .ToList();
    }

    public Task<long> CountAsync(string board, CancellationToken cancellationToken = default) => Db.SortedSetLengthAsync(Keys(board).Set);

    public async Task<bool> RemoveAsync(string board, Guid playerId, CancellationToken cancellationToken = default)
    {
        var (set, players) = Keys(board);
        return (long)(await Db.ScriptEvaluateAsync(RemoveScript, [set, players], [playerId.ToString("N")])) == 1;
    }

    public async Task<bool> DeleteAsync(string board, CancellationToken cancellationToken = default)
    {
        var (set, players) = Keys(board);
        return await Db.KeyDeleteAsync([set, players]) > 0;
    }

    private IDatabase Db => _redis.GetDatabase();

    private static long? Rank(long zeroBased) => zeroBased < 0 ? null : zeroBased + 1;

    private static string Member(string stored) => stored[(stored.IndexOf('|', StringComparison.Ordinal) + 1)..];

    private async Task<string?> MemberOfAsync(RedisKey players, Guid playerId)
    {
        var stored = await Db.HashGetAsync(players, playerId.ToString("N"));
        return stored.HasValue ? Member(stored!) : null;
    }

    private (RedisKey Set, RedisKey Players) Keys(string board)
    {
        // The hash tag keeps both keys of a board in one cluster slot, as the scripts need.
        var set = keyPrefix + "{" + LeaderboardBoards.Check(board) + "}";
        return (set, set + ":p");
    }
}
