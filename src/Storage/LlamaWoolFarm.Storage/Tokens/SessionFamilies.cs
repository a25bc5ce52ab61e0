namespace LlamaWoolFarm.Storage.Tokens;

/// <summary>
/// Session family ids are version-7 GUIDs written without hyphens: their first 12 hex digits are the family's start in
/// Unix milliseconds, so a revocation can spare the families started after a moment (the session a password change
/// hands back) by comparing strings, in every store alike (C#, SQLite and Redis's Lua).
/// </summary>
public static class SessionFamilies
{
    /// <summary>A new family id started at <paramref name="startedAt"/>.</summary>
    public static string NewId(DateTimeOffset startedAt) => Guid.CreateVersion7(startedAt).ToString("N");

    /// <summary>The 12-hex-digit start prefix a family started at <paramref name="moment"/> would have.</summary>
    public static string StartPrefix(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a revocation of the families started before <paramref name="beforePrefix"/> (null: all) ends this one;
    /// a family id that carries no start is ended.
    /// </summary>
    public static bool StartedBefore(string familyId, string? beforePrefix) =>
        beforePrefix is null || familyId.Length != 32 || familyId[12] != '7'
        || string.CompareOrdinal(familyId, 0, beforePrefix, 0, 12) < 0;
}
