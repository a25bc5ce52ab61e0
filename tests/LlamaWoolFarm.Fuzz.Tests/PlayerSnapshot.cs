using System.Text.Json.Nodes;
using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Fuzz.Tests;

/// <summary>What a refused request must leave as it was: the farm, the save revision and the profile.</summary>
public sealed record PlayerSnapshot(
    IReadOnlyDictionary<string, BigNumber> Wool,
    string Buildings,
    string Upgrades,
    long SaveRevision,
    string Profile,
    JsonObject Save)
{
    public static async Task<PlayerSnapshot> TakeAsync(FuzzHost host, string token)
    {
        var state = await host.GetDataAsync("/api/v1/game/state", token);
        var save = await host.GetDataAsync("/api/v1/saves/current", token);
        var profile = await host.GetDataAsync("/api/v1/players/me", token);
        var wool = state.GetProperty("woolCounts").EnumerateObject().ToDictionary(p => p.Name, p => BigNumber.Parse(p.Value.GetString()!), StringComparer.Ordinal);
        return new PlayerSnapshot(
            wool,
            state.GetProperty("buildings").GetRawText(),
            state.GetProperty("upgrades").GetRawText(),
            save.GetProperty("revision").GetInt64(),
            profile.GetRawText(),
            JsonNode.Parse(save.GetProperty("save").GetRawText())!.AsObject());
    }

    /// <summary>Why <paramref name="after"/> differs from this beyond production accrual (wool may only grow), or null.</summary>
    public string? Difference(PlayerSnapshot after)
    {
        if (after.Buildings != Buildings)
        {
            return $"buildings {Buildings} -> {after.Buildings}";
        }

        if (after.Upgrades != Upgrades)
        {
            return $"upgrades {Upgrades} -> {after.Upgrades}";
        }

        if (after.SaveRevision != SaveRevision)
        {
            return $"save revision {SaveRevision} -> {after.SaveRevision}";
        }

        if (after.Profile != Profile)
        {
            return $"profile {Profile} -> {after.Profile}";
        }

        foreach (var (wool, amount) in Wool)
        {
            if (!after.Wool.TryGetValue(wool, out var now) || now < amount)
            {
                return $"wool {wool} {amount} -> {(after.Wool.TryGetValue(wool, out var n) ? n.ToString() : "gone")}";
            }
        }

        return null;
    }
}
