namespace LlamaWoolFarm.Contracts.Leaderboards;

/// <summary>Rows of a board; <c>Total</c> is how many players the board holds, <c>Final</c> true for a closed season.</summary>
public sealed record LeaderboardPage(
    string Category,
    string Period,
    string? Season,
    long Total,
    long Offset,
    bool Final,
    IReadOnlyList<LeaderboardEntryView> Entries);
