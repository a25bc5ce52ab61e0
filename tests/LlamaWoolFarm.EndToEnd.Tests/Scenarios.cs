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
        Assert.Equal("5", push.GetProperty("data").GetProperty("changes").GetProperty("basic").GetString());

        var retried = await player.ClickAsync(5, idempotencyKey: "first-click");
        Assert.Equal(commandId, retried);
        await player.WaitForPushAsync("commandCompleted", commandId, PushTimeout);

        var status = await player.GetDataAsync($"/api/v1/commands/{commandId}");
        Assert.Equal("completed", status.GetProperty("status").GetString());

        var state = await player.GetDataAsync("/api/v1/game/state");
        var wool = double.Parse(state.GetProperty("woolCounts").GetProperty("basic").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        // 5 clicks once (not twice), plus the starting llama's 1 wool per second for the few seconds the test ran.
        Assert.InRange(wool, 5, 5 + PushTimeout.TotalSeconds * 3);
        Assert.Equal(1, state.GetProperty("revision").GetInt64());
    }

    /// <summary>A command refused by the rules arrives as commandRejected with its stable code.</summary>
    public static async Task RejectionArrivesAsPushAsync(Uri gateway, Uri realtime)
    {
        await using var player = await PlayerClient.StartAsGuestAsync(gateway);
        await player.ConnectAsync(realtime);

        var accepted = await player.ClickAsync(100);
        var refused = await player.ClickAsync(100);
        JsonElement push;
        try
        {
            push = await player.WaitForPushAsync("commandRejected", refused, PushTimeout);
        }
        catch (OperationCanceledException)
        {
            var first = await player.GetDataAsync($"/api/v1/commands/{accepted}");
            var second = await player.GetDataAsync($"/api/v1/commands/{refused}");
            Assert.Fail($"No commandRejected for {refused} within {PushTimeout}. First: {first}; second: {second}");
            throw;
        }

        Assert.Equal("RATE_LIMITED_ACTION", push.GetProperty("data").GetProperty("code").GetString());
        using var response = await player.Http.GetAsync(new Uri($"/api/v1/commands/{refused}", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rejected", body.GetProperty("data").GetProperty("status").GetString());
    }
}
