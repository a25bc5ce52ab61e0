using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Contracts.Notifications;
using LlamaWoolFarm.Contracts.Players;

namespace LlamaWoolFarm.Workers.Notifications.Services;

/// <summary>
/// Turns the events the module listens to into notifications. Each id is derived from the source's own key (the
/// achievement, the prestige command, the event, the maintenance command), so a redelivered or republished source
/// finds its notification already there.
/// </summary>
public static class NotificationDrafts
{
    public static NotificationDraft Achievement(AchievementUnlocked e) => new(
        Id(NotificationKinds.Achievement, $"{e.AchievementId}", e.PlayerId),
        e.PlayerId,
        NotificationKinds.Achievement,
        "Achievement unlocked",
        $"You unlocked the achievement '{e.AchievementId}'.",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["achievementId"] = e.AchievementId, ["commandId"] = e.CommandId.ToString() },
        e.UnlockedAt);

    public static NotificationDraft Prestige(PrestigeCompleted e) => new(
        Id(NotificationKinds.Prestige, e.CommandId.ToString("N"), e.PlayerId),
        e.PlayerId,
        NotificationKinds.Prestige,
        "Prestige complete",
        string.Create(CultureInfo.InvariantCulture, $"You gained {e.SoulShearsGained} Soul Shears ({e.SoulShears} in all, prestige #{e.TotalPrestiges})."),
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["soulShearsGained"] = Text(e.SoulShearsGained),
            ["soulShears"] = Text(e.SoulShears),
            ["totalPrestiges"] = Text(e.TotalPrestiges),
        },
        e.CompletedAt);

    public static NotificationDraft EventStarted(CompetitionEventStarted e) => new(
        Id(NotificationKinds.EventStarted, e.EventId.ToString("N"), null),
        null,
        NotificationKinds.EventStarted,
        "An event has started",
        string.Create(CultureInfo.InvariantCulture, $"A {e.Type.Replace('_', ' ')} event runs until {e.EndsAt:yyyy-MM-dd HH:mm} UTC."),
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["eventId"] = e.EventId.ToString(),
            ["type"] = e.Type,
            ["startsAt"] = Text(e.StartsAt),
            ["endsAt"] = Text(e.EndsAt),
        },
        e.StartsAt);

    public static NotificationDraft EventEnded(CompetitionEventFinished e) => new(
        Id(NotificationKinds.EventEnded, e.EventId.ToString("N"), null),
        null,
        NotificationKinds.EventEnded,
        "An event has ended",
        string.Create(CultureInfo.InvariantCulture, $"The final ranking is in: {e.Participants} players took part."),
        new Dictionary<string, string>(StringComparer.Ordinal) { ["eventId"] = e.EventId.ToString(), ["participants"] = Text(e.Participants) },
        e.FinishedAt);

    /// <summary>The game worker added the reward to the player's state; a replayed grant finds its notification there.</summary>
    public static NotificationDraft? RewardGranted(EventRewardGranted e) => e.GoldenFleece <= 0
        ? null
        : new(
            Id(NotificationKinds.RewardGranted, e.EventId.ToString("N"), e.PlayerId),
            e.PlayerId,
            NotificationKinds.RewardGranted,
            "Event reward",
            string.Create(CultureInfo.InvariantCulture, $"You finished #{e.Rank} in an event and won {e.GoldenFleece} Golden Fleece."),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["eventId"] = e.EventId.ToString(),
                ["rank"] = Text(e.Rank),
                ["goldenFleece"] = Text(e.GoldenFleece),
                ["totalGoldenFleece"] = Text(e.TotalGoldenFleece),
            },
            e.GrantedAt);

    /// <summary>The befriended player is told; the one who added knows already.</summary>
    public static NotificationDraft FriendAdded(FriendAdded e) => new(
        Id(NotificationKinds.FriendAdded, $"{e.PlayerId:N}:{e.AddedAt.UtcTicks}", e.FriendId),
        e.FriendId,
        NotificationKinds.FriendAdded,
        "New friend",
        $"{(string.IsNullOrEmpty(e.PlayerDisplayName) ? "A player" : e.PlayerDisplayName)} added you as a friend.",
        new Dictionary<string, string>(StringComparer.Ordinal) { ["friendId"] = e.PlayerId.ToString(), ["displayName"] = e.PlayerDisplayName ?? string.Empty },
        e.AddedAt);

    public static NotificationDraft Maintenance(SendMaintenanceNotice c, DateTimeOffset at)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["commandId"] = c.CommandId.ToString() };
        if (c.StartsAt is { } starts)
        {
            data["startsAt"] = Text(starts);
        }

        if (c.EndsAt is { } ends)
        {
            data["endsAt"] = Text(ends);
        }

        return new(Id(NotificationKinds.Maintenance, c.CommandId.ToString("N"), null), null, NotificationKinds.Maintenance, c.Title.Trim(), c.Message.Trim(), data, at);
    }

    /// <summary>The id of a notification: the same for the same kind, source key and player, every time.</summary>
    public static Guid Id(string kind, string sourceKey, Guid? playerId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"notification:{kind}:{sourceKey}:{playerId ?? Guid.Empty:N}"), hash);
        return new Guid(hash[..16]);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
