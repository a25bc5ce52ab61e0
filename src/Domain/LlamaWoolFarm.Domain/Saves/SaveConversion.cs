using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>Between the server's PlayerState and the client's GameSave.</summary>
public static class SaveConversion
{
    public static GameSave ToSave(PlayerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var savedAt = state.LastMaterializedAt.ToUnixTimeMilliseconds();
        return new GameSave
        {
            Revision = state.Revision,
            PlayerId = state.PlayerId,
            Timestamp = savedAt,
            LastSaveTime = savedAt,
            WoolCounts = state.WoolCounts.ToDictionary(p => p.Key, p => p.Value.ToString()),
            UnlockedWoolTypes = [.. state.UnlockedWoolTypes],
            Buildings = new Dictionary<string, int>(state.Buildings),
            Upgrades = [.. state.Upgrades],
            Achievements = [.. state.Achievements],
            SoulShears = state.SoulShears,
            TotalPrestiges = state.TotalPrestiges,
            GoldenFleece = state.GoldenFleece,
            PlayTime = (long)Math.Round(state.PlayTimeSeconds * 1000),
            RunWoolProduced = state.RunWoolProduced.ToString(),
            LifetimeWoolProduced = state.LifetimeWoolProduced.ToString(),
            Settings = new(state.Settings),
        };
    }

    /// <summary>
    /// The state that replaces the base once an upload is accepted, materialized at now. Golden Fleece stays the
    /// server's (only competitions grant it) and the base's pending offline grant is dropped: the upload already
    /// contains the client's own accounting of that time, and the validator allowed for it.
    /// </summary>
    public static PlayerState ToPlayerState(GameSave save, PlayerState baseState, DateTimeOffset now, GameEngine engine)
    {
        var violations = new List<SaveRuleViolation>();
        var state = Read(save, baseState, now, engine, violations);
        return violations.Count == 0
            ? state
            : throw new ArgumentException($"The save breaks {violations.Count} rule(s); validate it before converting.", nameof(save));
    }

    /// <summary>Reads a save leniently: malformed amounts and unknown ids become violations and are left out.</summary>
    internal static PlayerState Read(GameSave save, PlayerState baseState, DateTimeOffset now, GameEngine engine, List<SaveRuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(baseState);
        ArgumentNullException.ThrowIfNull(engine);
        var state = new PlayerState
        {
            PlayerId = baseState.PlayerId,
            RulesVersion = engine.Catalog.RulesVersion,
            SoulShears = save.SoulShears,
            TotalPrestiges = save.TotalPrestiges,
            GoldenFleece = baseState.GoldenFleece,
            PlayTimeSeconds = save.PlayTime / 1000.0,
            // What this upload used of the play-time slack stays used for the uploads built on it.
            PlayTimeAheadSeconds = PlayTimeBound.AheadSeconds(baseState, UploadWindow.Of(baseState, now), save.PlayTime / 1000.0),
            CreatedAt = baseState.CreatedAt,
            LastMaterializedAt = now,
            LastActiveAt = now,
            // The upload's clicks spent the allowance up to its receipt.
            LastClickAt = now,
            ClickAllowanceSpentUntil = now,
            LastGrantedAbsenceId = baseState.LastGrantedAbsenceId,
            Settings = new(save.Settings ?? []),
            Revision = baseState.Revision,
        };

        for (var w = 0; w < engine.WoolTypeCount; w++)
        {
            state.WoolCounts[engine.WoolId(w)] = BigNumber.Zero;
        }

        foreach (var (id, text) in save.WoolCounts ?? [])
        {
            if (!engine.TryGetWoolOrdinal(id, out _))
            {
                violations.Add(new(SaveRules.UnknownId, $"woolCounts.{id}", "Not a wool type of the catalog."));
                continue;
            }

            state.WoolCounts[id] = ReadAmount(text, "woolCounts", id, violations);
        }

        state.RunWoolProduced = ReadAmount(save.RunWoolProduced, "runWoolProduced", null, violations);
        state.LifetimeWoolProduced = ReadAmount(save.LifetimeWoolProduced, "lifetimeWoolProduced", null, violations);

        state.UnlockedWoolTypes = [engine.Catalog.BaseWoolType];
        ReadIds(save.UnlockedWoolTypes, "unlockedWoolTypes", id => engine.TryGetWoolOrdinal(id, out _), "Not a wool type of the catalog.", state.UnlockedWoolTypes, violations);

        for (var b = 0; b < engine.BuildingCount; b++)
        {
            state.Buildings[engine.BuildingId(b)] = 0;
        }

        foreach (var (id, level) in save.Buildings ?? [])
        {
            if (!engine.TryGetBuildingOrdinal(id, out _))
            {
                violations.Add(new(SaveRules.UnknownId, $"buildings.{id}", "Not a building of the catalog."));
                continue;
            }

            if (level < 0)
            {
                violations.Add(new(SaveRules.AmountNegative, $"buildings.{id}", "A level cannot be negative."));
            }

            state.Buildings[id] = Math.Max(0, level);
        }

        ReadIds(save.Upgrades, "upgrades", id => engine.TryGetUpgradeOrdinal(id, out _), "Not an upgrade of the catalog.", state.Upgrades, violations);
        ReadIds(save.Achievements, "achievements", engine.IsAchievement, "Not an achievement of the catalog.", state.Achievements, violations);

        CheckNotNegative(save.SoulShears, "soulShears", violations);
        CheckNotNegative(save.TotalPrestiges, "totalPrestiges", violations);
        CheckNotNegative(save.GoldenFleece, "goldenFleece", violations);
        CheckNotNegative(save.PlayTime, "playTime", violations);
        return state;
    }

    // A JSON null in an id list ("upgrades": [null]) is a broken rule like an unknown id, never a crash of the
    // catalog lookup; repeated ids count once.
    private static void ReadIds(IEnumerable<string?>? ids, string field, Func<string, bool> known, string unknown, List<string> into, List<SaveRuleViolation> violations)
    {
        foreach (var id in ids ?? [])
        {
            if (id is null)
            {
                violations.Add(new(SaveRules.UnknownId, field, "An id cannot be null."));
            }
            else if (!known(id))
            {
                violations.Add(new(SaveRules.UnknownId, $"{field}.{id}", unknown));
            }
            else if (!into.Contains(id))
            {
                into.Add(id);
            }
        }
    }

    // The subject's name ("woolCounts.basic") is built only for a violation: an honest save has none, and building
    // it for every amount was a tenth of a validation's allocations.
    private static BigNumber ReadAmount(string? text, string field, string? key, List<SaveRuleViolation> violations)
    {
        if (!BigNumber.TryParse(text, out var amount))
        {
            violations.Add(new(SaveRules.AmountInvalid, Subject(field, key), "Not a decimal number string of at most 64 characters."));
            return BigNumber.Zero;
        }

        if (amount.IsNegative)
        {
            violations.Add(new(SaveRules.AmountNegative, Subject(field, key), "Amounts cannot be negative."));
            return BigNumber.Zero;
        }

        return amount;
    }

    private static string Subject(string field, string? key) => key is null ? field : $"{field}.{key}";

    private static void CheckNotNegative(long value, string subject, List<SaveRuleViolation> violations)
    {
        if (value < 0)
        {
            violations.Add(new(SaveRules.AmountNegative, subject, "Counts cannot be negative."));
        }
    }
}
