using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>What a player does, run the same against every topology.</summary>
internal static class Scenarios
{
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A guest connects, clicks, and sees the command completed on its connection, in the state, and in the
    /// command status; a retried POST with the same Idempotency-Key is applied once.
    /// </summary>
    public static async Task ClickArrivesAsPushAsync(Uri gateway, Uri realtime, string diagnostics)
    {
        await using var player = await PlayerClient.StartAsGuestAsync(gateway);
        await player.ConnectAsync(realtime);

        var commandId = await player.ClickAsync(5, idempotencyKey: "first-click");
        JsonElement push;
        try
        {
            push = await player.WaitForPushAsync("commandCompleted", commandId, PushTimeout);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No commandCompleted for {commandId} within {PushTimeout}.{Environment.NewLine}{diagnostics}");
            throw;
        }

        Assert.Equal("commandCompleted", push.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(push.GetProperty("id").GetString()));
        Assert.Equal(player.PlayerId, push.GetProperty("data").GetProperty("playerId").GetGuid());
        // 5 clicks at click power 1; or at 1.02 when the command waited over a second for the worker (a slow machine)
        // and the starting llama's wool meanwhile unlocked first_wool, whose bonus applies before the clicks do.
        Assert.Contains(push.GetProperty("data").GetProperty("changes").GetProperty("basic").GetString(), new[] { "5", "5.1" });

        // The gateway answers the retry from its idempotency store: same command id, nothing sent again.
        var retried = await player.ClickAsync(5, idempotencyKey: "first-click");
        Assert.Equal(commandId, retried);

        var status = await player.GetDataAsync($"/api/v1/commands/{commandId}");
        Assert.Equal("completed", status.GetProperty("status").GetString());

        var state = await player.GetDataAsync("/api/v1/game/state");
        var wool = double.Parse(state.GetProperty("woolCounts").GetProperty("basic").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        // 5 clicks at click power 1, once (not twice), plus the starting llama's 1 wool per second (× 1.02 once
        // first_wool is unlocked) for the few seconds the test ran.
        Assert.InRange(wool, 5, 5 + (PushTimeout.TotalSeconds * 3));
        Assert.Equal(1, state.GetProperty("revision").GetInt64());
        Assert.Contains("first_wool", state.GetProperty("achievements").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("10", state.GetProperty("nextBuildingPrices").GetProperty("barn").GetString());
    }

    /// <summary>
    /// A command refused by the rules arrives as commandRejected with its stable code: a new player owns no wool,
    /// so 100 barns are unaffordable whatever the timing.
    /// </summary>
    public static async Task RejectionArrivesAsPushAsync(Uri gateway, Uri realtime)
    {
        await using var player = await PlayerClient.StartAsGuestAsync(gateway);
        await player.ConnectAsync(realtime);

        using var posted = await player.Http.PostAsJsonAsync("/api/v1/game/actions", new { type = "purchaseBuilding", target = "barn", quantity = 100 });
        var answer = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(posted.StatusCode == System.Net.HttpStatusCode.Accepted, answer.ToString());
        var refused = answer.GetProperty("data").GetProperty("commandId").GetGuid();
        JsonElement push;
        try
        {
            push = await player.WaitForPushAsync("commandRejected", refused, PushTimeout);
        }
        catch (OperationCanceledException)
        {
            var status = await player.GetDataAsync($"/api/v1/commands/{refused}");
            Assert.Fail($"No commandRejected for {refused} within {PushTimeout}. Status: {status}");
            throw;
        }

        Assert.Equal("INSUFFICIENT_RESOURCES", push.GetProperty("data").GetProperty("code").GetString());
        using var response = await player.Http.GetAsync(new Uri($"/api/v1/commands/{refused}", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rejected", body.GetProperty("data").GetProperty("status").GetString());
        var state = await player.GetDataAsync("/api/v1/game/state");
        Assert.Equal(0, state.GetProperty("buildings").GetProperty("barn").GetInt32());
        Assert.Equal(0, state.GetProperty("revision").GetInt64());
    }
}
