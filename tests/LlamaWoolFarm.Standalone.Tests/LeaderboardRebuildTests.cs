using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// Embedded boards live in the process: after a restart the leaderboards worker rebuilds them from the game worker's
/// answer to <c>GetGameScores</c> (it never reads the game worker's collection), so a player's score survives.
/// </summary>
public sealed class LeaderboardRebuildTests
{
    [Fact]
    public async Task After_a_restart_the_boards_show_the_scores_of_the_stored_game_states()
    {
        var data = TestServers.NewDataFolder();
        var device = $"rebuild-{Guid.NewGuid():N}";
        Guid player;
        await using (var first = Standalone(data))
        {
            using var http = await SignInAsync(first, device);
            player = (await DataAsync(http, "/api/v1/players/me")).GetProperty("playerId").GetGuid();
            using var click = await http.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity = 40 });
            Assert.Equal(HttpStatusCode.Accepted, click.StatusCode);
            await UntilAsync(async () => (await DataAsync(http, "/api/v1/game/state")).GetProperty("revision").GetInt64() == 1);
        }

        await using var second = Standalone(data);
        using var again = await SignInAsync(second, device);

        // The rebuild runs once the restarted host is up: poll to a deadline rather than assume it has finished.
        JsonElement entry = default;
        await UntilAsync(async () =>
        {
            var page = await DataAsync(again, "/api/v1/leaderboards/totalWool?limit=100");
            var found = page.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("playerId").GetGuid() == player).ToList();
            entry = found.FirstOrDefault();
            return found.Count == 1;
        });
        // The stored state's lifetime wool: the 40 clicks and the base production materialized with them.
        var score = double.Parse(entry.GetProperty("score").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(score, 40, 100);
    }

    private static WebApplicationFactory<Program> Standalone(string data) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataPath", data)
            .UseSetting("RateLimits:PerPlayer", "100000"));

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> standalone, string deviceId)
    {
        var http = standalone.CreateClient();
        using var guest = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId });
        var body = await guest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(guest.IsSuccessStatusCode, body.ToString());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("data").GetProperty("accessToken").GetString());
        return http;
    }

    private static async Task<JsonElement> DataAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("data").Clone();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(100);
        }
    }
}
