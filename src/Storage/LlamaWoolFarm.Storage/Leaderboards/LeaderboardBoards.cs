using System.Text.RegularExpressions;

namespace LlamaWoolFarm.Storage.Leaderboards;

/// <summary>Checks board names, so a name can never reach into another key space.</summary>
public static partial class LeaderboardBoards
{
    public static string Check(string board) =>
        BoardName().IsMatch(board) ? board : throw new ArgumentException($"'{board}' is not a board name (letters, digits, '-', '_', ':' up to 128).", nameof(board));

    [GeneratedRegex("^[A-Za-z0-9_:-]{1,128}$")]
    private static partial Regex BoardName();
}
