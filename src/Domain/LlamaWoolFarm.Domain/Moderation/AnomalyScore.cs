namespace LlamaWoolFarm.Domain.Moderation;

/// <summary>
/// The anomaly score of a player, which orders the admins' review list. Each unreviewed record contributes its
/// weight, halved every <see cref="HalfLife"/> since it was last seen:
/// <c>score = Σ weight(record) × 0.5^(age / 7 days)</c>, where
/// <c>weight = 10</c> for a refused save upload, <c>2 × count</c> for refused actions (click bursts, forged ids or
/// quantities) and <c>0.25 × min(count, 20)</c> for a rate-limit offence window (at most 5: hammering the API is a
/// nuisance before it is cheating). Reviewed records weigh nothing, so a clear resets the score.
/// </summary>
public static class AnomalyScore
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(7);

    public const double SaveRejectedWeight = 10;
    public const double ActionRefusedWeight = 2;
    public const double RateLimitedWeight = 0.25;
    public const int RateLimitedCountCap = 20;

    /// <summary>The weight of one record before decay; unknown kinds weigh 1 per occurrence.</summary>
    public static double Weight(string kind, int count) => kind switch
    {
        "save-rejected" => SaveRejectedWeight * Math.Max(1, count),
        "action-refused" => ActionRefusedWeight * Math.Max(1, count),
        "rate-limited" => RateLimitedWeight * Math.Clamp(count, 1, RateLimitedCountCap),
        _ => Math.Max(1, count),
    };

    /// <summary>The decayed contribution of a record last seen at <paramref name="lastAt"/>, at <paramref name="now"/>.</summary>
    public static double Contribution(string kind, int count, DateTimeOffset lastAt, DateTimeOffset now)
    {
        var age = Math.Max(0, (now - lastAt).TotalSeconds);
        return Weight(kind, count) * Math.Pow(0.5, age / HalfLife.TotalSeconds);
    }

    /// <summary>The score of a player's records at <paramref name="now"/>, rounded to 2 decimals for display and ordering.</summary>
    public static double Of(IEnumerable<(string Kind, int Count, DateTimeOffset LastAt, bool Reviewed)> records, DateTimeOffset now) =>
        Math.Round(records.Where(r => !r.Reviewed).Sum(r => Contribution(r.Kind, r.Count, r.LastAt, now)), 2);
}
