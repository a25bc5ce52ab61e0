using System.Text.Json;
using System.Text.Json.Nodes;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;

namespace LlamaWoolFarm.Domain.Saves;

public sealed record SaveMigrationResult(
    bool Success,
    string? ErrorCode,
    string? FromVersion,
    IReadOnlyList<string> StepsApplied,
    GameSave? Save);

/// <summary>
/// Upgrades a raw save document step by step to the current schema (GAME_RULES §10). The schema version is
/// "schemaVersion", or "version" in saves older than 1.0.0. A version with no step, newer or unknown, is refused.
/// </summary>
public static class SaveMigrator
{
    private static readonly Dictionary<string, (string To, Action<JsonObject> Apply)> Steps = new(StringComparer.Ordinal)
    {
        ["0.9.0"] = ("1.0.0", From090To100),
    };

    public static IReadOnlyCollection<string> KnownVersions { get; } = [.. Steps.Keys, GameSave.CurrentSchemaVersion];

    public static SaveMigrationResult Migrate(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var work = document.DeepClone().AsObject();
        var from = ReadVersion(work);
        var version = from;
        var applied = new List<string>();
        while (version is not null && version != GameSave.CurrentSchemaVersion && Steps.TryGetValue(version, out var step))
        {
            step.Apply(work);
            work["schemaVersion"] = step.To;
            work.Remove("version");
            applied.Add($"{version}->{step.To}");
            version = step.To;
        }

        if (version != GameSave.CurrentSchemaVersion)
        {
            return new SaveMigrationResult(false, ErrorCodes.UnsupportedSaveVersion, from, applied, null);
        }

        try
        {
            var save = SaveJson.FromNode(work);
            return save is null
                ? new SaveMigrationResult(false, ErrorCodes.InvalidSave, from, applied, null)
                : new SaveMigrationResult(true, null, from, applied, save);
        }
        catch (JsonException)
        {
            return new SaveMigrationResult(false, ErrorCodes.InvalidSave, from, applied, null);
        }
    }

    private static string? ReadVersion(JsonObject document)
    {
        var node = document["schemaVersion"] ?? document["version"];
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    // 1.0.0 adds lastSaveTime (taken from timestamp), revision and the run/lifetime counters. The counters are
    // unknown for an old save; the wool it holds is the only production it can prove, so that is the floor used.
    private static void From090To100(JsonObject save)
    {
        if (save["lastSaveTime"] is null && save["timestamp"] is { } timestamp)
        {
            save["lastSaveTime"] = timestamp.DeepClone();
        }

        save["revision"] ??= 0;
        if (save["runWoolProduced"] is null || save["lifetimeWoolProduced"] is null)
        {
            var held = BigNumber.Zero;
            if (save["woolCounts"] is JsonObject counts)
            {
                foreach (var (_, value) in counts)
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && BigNumber.TryParse(text, out var amount) && amount.Sign > 0)
                    {
                        held += amount;
                    }
                }
            }

            save["runWoolProduced"] ??= held.ToString();
            save["lifetimeWoolProduced"] ??= held.ToString();
        }
    }
}
