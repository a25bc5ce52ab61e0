namespace LlamaWoolFarm.Contracts.Notifications;

/// <summary>The kinds of notification (stable names clients switch on; never rename one).</summary>
public static class NotificationKinds
{
    public const string Achievement = "achievement";
    public const string Prestige = "prestige";
    public const string EventStarted = "event_started";
    public const string EventEnded = "event_ended";
    public const string RewardGranted = "reward_granted";
    public const string FriendAdded = "friend_added";
    public const string Maintenance = "maintenance";

    public static IReadOnlyList<string> All { get; } = [Achievement, Prestige, EventStarted, EventEnded, RewardGranted, FriendAdded, Maintenance];
}
