namespace LlamaWoolFarm.Domain.Saves;

/// <summary>Whether a save's <c>playerId</c> names the server's player.</summary>
public static class SavePlayerId
{
    // The canonical GUID forms: N (32 digits), D (dashed, as the API returns it), B ({dashed}) and P ((dashed)).
    private static readonly string[] GuidFormats = ["N", "D", "B", "P"];

    /// <summary>
    /// True when both ids are the same GUID in any canonical form (N, D, B, P; any letter case), or, for ids that
    /// are not GUIDs, the same string.
    /// </summary>
    public static bool Matches(string savedId, string serverId)
    {
        ArgumentNullException.ThrowIfNull(savedId);
        ArgumentNullException.ThrowIfNull(serverId);
        return TryParse(savedId, out var saved) && TryParse(serverId, out var server)
            ? saved == server
            : string.Equals(savedId, serverId, StringComparison.Ordinal);
    }

    private static bool TryParse(string text, out Guid id)
    {
        foreach (var format in GuidFormats)
        {
            if (Guid.TryParseExact(text, format, out id))
            {
                return true;
            }
        }

        id = Guid.Empty;
        return false;
    }
}
