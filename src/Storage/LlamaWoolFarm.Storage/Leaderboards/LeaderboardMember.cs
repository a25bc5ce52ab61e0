using System.Globalization;

namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>
/// The sorted-set member of one player: <c>{score key}!{inverted reach time}{player id}</c>. Ordinal order of members
/// is the board order read from the end: higher score first, then, for equal scores, whoever reached it first
/// (the time is stored as 2^48 − 1 − unix milliseconds, so earlier is larger), then the player id (deterministic).
/// '!' sorts below every digit, so a shorter digit string followed by it sorts below a longer one.
/// </summary>
public static class LeaderboardMember
{
    private const long MaxMillis = (1L << 48) - 1;

    public static string Encode(LeaderboardScore score, DateTimeOffset reachedAt, Guid playerId) =>
        score.Key + "!" + (MaxMillis - Math.Clamp(reachedAt.ToUnixTimeMilliseconds(), 0, MaxMillis)).ToString("x12", CultureInfo.InvariantCulture) + playerId.ToString("N");

    /// <summary>The score key part of a member (the text before '!').</summary>
    public static string KeyOf(string member) => member[..member.IndexOf('!', StringComparison.Ordinal)];

    public static (LeaderboardScore Score, DateTimeOffset ReachedAt, Guid PlayerId) Decode(string member)
    {
        var bang = member.IndexOf('!', StringComparison.Ordinal);
        var score = LeaderboardScore.FromKey(member[..bang]);
        var millis = MaxMillis - long.Parse(member.AsSpan(bang + 1, 12), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var playerId = Guid.ParseExact(member.AsSpan(bang + 13, 32), "N");
        return (score, DateTimeOffset.FromUnixTimeMilliseconds(millis), playerId);
    }

    public static LeaderboardEntry ToEntry(string member, long rank)
    {
        var (score, reachedAt, playerId) = Decode(member);
        return new LeaderboardEntry(playerId, rank, score.ToString(), reachedAt);
    }
}
