using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// The top page through the whole system (gateway ready bytes over the leaderboards worker's cached rows): repeated
/// reads give the same page, a score change reaches it within Leaderboards:TopPageCacheSeconds of being applied, and
/// its ranks are those the per-player rank route (never cached) gives.
/// </summary>
public sealed class TopPageFreshnessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_score_change_reaches_the_kept_top_page_within_the_bound_and_its_ranks_are_exact()
    {
        await using var standalone = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataPath", TestServers.NewDataFolder())
            .UseSetting("Leaderboards:TopPageCacheSeconds", "2")
            .UseSetting("RateLimits:PerPlayer", "100000"));
        using var leader = await SignInAsync(standalone);
        using var chaser = await SignInAsync(standalone);
        var leaderId = await PlayerIdAsync(leader);
        var chaserId = await PlayerIdAsync(chaser);
        await ClickAsync(leader, 60, 1);
        await ClickAsync(chaser, 10, 1);
        var sinceChaserClicked = Stopwatch.StartNew();
        await UntilAsync(async () => Order(await DataAsync(leader, Top)).SequenceEqual([leaderId, chaserId]));

        var first = await BodyAsync(chaser, Top);
        var second = await BodyAsync(leader, Top);
        Assert.Equal(first.GetProperty("data").ToString(), second.GetProperty("data").ToString());
        Assert.NotEqual(first.GetProperty("meta").GetProperty("requestId").GetString(), second.GetProperty("meta").GetProperty("requestId").GetString());

        // A batch of 100 is 5 s of clicks at 20 per second: sooner after the chaser's first batch the rules refuse it.
        var clickWindow = TimeSpan.FromSeconds(5.2) - sinceChaserClicked.Elapsed;
        if (clickWindow > TimeSpan.Zero)
        {
            await Task.Delay(clickWindow);
        }

        await ClickAsync(chaser, 100, 2);
        var applied = Stopwatch.StartNew();
        await UntilAsync(async () => Order(await DataAsync(chaser, Top)).SequenceEqual([chaserId, leaderId]));
        // Applied to the game state, then scored by the leaderboards worker (batches of ≤ 100 ms), then at most the
        // bound on the cached rows — and no more for the gateway's ready bytes, which live only as long as those rows.
        Assert.True(applied.Elapsed < Bound + TimeSpan.FromSeconds(1.5), $"the top page took {applied.Elapsed} to show the new order");

        var page = await DataAsync(leader, Top);
        foreach (var (client, id) in new[] { (leader, leaderId), (chaser, chaserId) })
        {
            var rank = await DataAsync(client, "/api/v1/leaderboards/totalWool/rank");
            var row = page.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("playerId").GetGuid() == id);
            Assert.Equal(rank.GetProperty("rank").GetInt64(), row.GetProperty("rank").GetInt64());
            Assert.Equal(rank.GetProperty("score").GetString(), row.GetProperty("score").GetString());
        }
    }

    private const string Top = "/api/v1/leaderboards/totalWool?limit=100";

    private static IEnumerable<Guid> Order(JsonElement page) =>
        page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("playerId").GetGuid());

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> standalone)
    {
        var http = standalone.CreateClient();
        using var guest = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = $"top-page-{Guid.NewGuid():N}" });
        var body = await guest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(guest.IsSuccessStatusCode, body.ToString());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("data").GetProperty("accessToken").GetString());
        return http;
    }

    private static async Task<Guid> PlayerIdAsync(HttpClient http) =>
        (await DataAsync(http, "/api/v1/players/me")).GetProperty("playerId").GetGuid();

    private static async Task ClickAsync(HttpClient http, int quantity, long revision)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var click = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, click.StatusCode);
        await UntilAsync(async () => (await DataAsync(http, "/api/v1/game/state")).GetProperty("revision").GetInt64() >= revision);
    }

    private static async Task<JsonElement> BodyAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.Clone();
    }

    private static async Task<JsonElement> DataAsync(HttpClient http, string path) => (await BodyAsync(http, path)).GetProperty("data").Clone();

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(50);
        }
    }
}
