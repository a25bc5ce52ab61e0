namespace LlamaWoolFarm.Contracts.Players;

/// <summary>
/// The parts of what is stored about a player, each named by the worker that owns it (stable names; never rename
/// one). Deleting an account purges every part of <see cref="Purged"/>; an export gathers every part of <see cref="Exported"/>.
/// </summary>
public static class PlayerDataParts
{
    /// <summary>The account's profile (accounts worker); removed with the account when the purge starts.</summary>
    public const string Profile = "profile";

    /// <summary>The player in friends' lists (accounts worker).</summary>
    public const string Friendships = "friendships";

    /// <summary>The game state and remembered command outcomes (game worker).</summary>
    public const string Game = "game";

    /// <summary>The save head, revision history, activity marks and refused uploads (saves worker).</summary>
    public const string Saves = "saves";

    /// <summary>Every backup of the player's save (saves worker).</summary>
    public const string Backups = "backups";

    /// <summary>Every board entry and archived standing (leaderboards worker).</summary>
    public const string Leaderboards = "leaderboards";

    /// <summary>The time-series points tagged with the player and the player's analytics records (analytics worker).</summary>
    public const string Analytics = "analytics";

    /// <summary>The player's notifications and read state (notifications worker).</summary>
    public const string Notifications = "notifications";

    public static IReadOnlyList<string> Purged { get; } = [Friendships, Game, Saves, Backups, Leaderboards, Analytics, Notifications];

    public static IReadOnlyList<string> Exported { get; } = [Profile, Friendships, Game, Saves, Backups, Leaderboards, Analytics, Notifications];
}
