using System.Text.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>Maps the Domain state to the contracts; big numbers leave as decimal.js strings.</summary>
public static class GameViews
{
    private static readonly Dictionary<string, string> NoWool = [];

    /// <summary>The state as materialized at <paramref name="now"/>, with the numbers a client renders.</summary>
    public static GameStateView State(GameEngine engine, PlayerState state, DateTimeOffset now, ActiveEffects effects)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(state);
        var prices = new Dictionary<string, string>(engine.BuildingCount);
        for (var b = 0; b < engine.BuildingCount; b++)
        {
            var id = engine.BuildingId(b);
            prices[id] = engine.NextBuildingPrice(state, id, effects)?.ToString() ?? "0";
        }

        return new GameStateView(
            Guid.TryParse(state.PlayerId, out var playerId) ? playerId : Guid.Empty,
            state.Revision,
            Strings(state.WoolCounts),
            Strings(engine.ComputeRates(state, effects)),
            new Dictionary<string, int>(state.Buildings),
            [.. state.Upgrades],
            [.. state.Achievements],
            state.RunWoolProduced.ToString(),
            state.LifetimeWoolProduced.ToString(),
            state.SoulShears.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (int)Math.Min(state.TotalPrestiges, int.MaxValue),
            now)
        {
            RulesVersion = state.RulesVersion,
            UnlockedWoolTypes = [.. state.UnlockedWoolTypes],
            NextBuildingPrices = prices,
            ClickPower = engine.ClickPower(state, effects).ToString(),
            NetWorth = engine.NetWorth(state).ToString(),
            GoldenFleece = state.GoldenFleece,
            PrestigeGain = engine.PrestigeGainPreview(state, effects),
            OfflinePending = state.PendingOffline is { } pending ? Offline(playerId, pending, now) : null,
        };
    }

    /// <summary>The leaderboard scores of a state (<see cref="PlayerScores"/>), published after every change and answered to a rebuild.</summary>
    public static ScoresChanged Scores(GameEngine engine, PlayerState state, DateTimeOffset now, ActiveEffects effects)
    {
        var scores = PlayerScores.Of(engine, state, effects);
        return new ScoresChanged(
            Guid.TryParse(state.PlayerId, out var playerId) ? playerId : Guid.Empty,
            state.Revision,
            scores.TotalWool.ToString(),
            scores.NetWorth.ToString(),
            scores.SoulShears,
            scores.TotalPrestiges,
            scores.WoolPerSecond.ToString(),
            now);
    }

    public static OfflineProgressView Offline(Guid playerId, OfflineProgress? pending, DateTimeOffset now) => pending is null
        ? new OfflineProgressView(playerId, false, 0, 0, 0, NoWool, false, now)
        : new OfflineProgressView(playerId, true, pending.OfflineSeconds, pending.CappedSeconds, pending.Efficiency, Strings(pending.WoolEarned), pending.BonusApplied, now);

    public static OfflineProgressGranted Granted(CommandRecord record, OfflineProgress grant, bool claimed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(grant);
        return new OfflineProgressGranted(
            record.PlayerId, record.CommandId, grant.AbsenceId, grant.OfflineSeconds, grant.CappedSeconds, grant.Efficiency,
            Strings(grant.WoolEarned), grant.BonusApplied, claimed, now);
    }

    /// <summary>The catalog as the JSON object <c>GET game/config</c> serves (camelCase, big numbers as strings).</summary>
    public static GameConfig Config(GameEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new GameConfig(engine.Catalog.RulesVersion, JsonSerializer.Serialize(engine.Catalog, JsonSerializerOptions.Web));
    }

    private static Dictionary<string, string> Strings(IReadOnlyDictionary<string, BigNumber> amounts) =>
        amounts.ToDictionary(p => p.Key, p => p.Value.ToString());
}
