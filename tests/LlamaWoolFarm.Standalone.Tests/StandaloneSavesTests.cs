using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Host;
using LlamaWoolFarm.Workers.Saves.Services;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// In Standalone the saves module hands its game-state messages to the game worker's service in process
/// (<see cref="InProcessGameStates"/>): a download creates the farm, an upload is committed, the same upload again
/// applies once, and a stale one becomes a conflict, never an overwrite.
/// </summary>
public sealed class StandaloneSavesTests
{
    [Fact]
    public async Task An_upload_is_committed_once_and_a_stale_one_is_a_conflict()
    {
        await using var standalone = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataPath", TestServers.NewDataFolder())
            .UseSetting("RateLimits:PerPlayer", "100000"));
        Assert.IsType<InProcessGameStates>(standalone.Services.GetRequiredService<IGameStates>());
        using var http = standalone.CreateClient();
        using (var guest = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = $"saves-{Guid.NewGuid():N}" }))
        {
            var token = (await guest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var current = await DataAsync(http, "/api/v1/saves/current");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var first = Played(current, "10");
        var stale = Played(current, "5");

        var (status, accepted) = await PutAsync(http, new { baseRevision = 0, save = first }, "upload-1");
        var (again, replayed) = await PutAsync(http, new { baseRevision = 0, save = first }, "upload-1");
        var (conflictStatus, conflict) = await PutAsync(http, new { baseRevision = 0, save = stale }, "upload-2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, accepted.GetProperty("data").GetProperty("revision").GetInt64());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(1, replayed.GetProperty("data").GetProperty("revision").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, conflictStatus);
        Assert.Equal("SAVE_CONFLICT", conflict.GetProperty("error").GetProperty("code").GetString());
        var after = await DataAsync(http, "/api/v1/saves/current");
        Assert.Equal(1, after.GetProperty("revision").GetInt64());
        Assert.Equal("10", after.GetProperty("save").GetProperty("lifetimeWoolProduced").GetString());
    }

    private static JsonObject Played(JsonElement current, string wool)
    {
        var save = JsonNode.Parse(current.GetProperty("save").GetRawText())!.AsObject();
        save["woolCounts"]!["basic"] = wool;
        save["runWoolProduced"] = wool;
        save["lifetimeWoolProduced"] = wool;
        return save;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(HttpClient http, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/saves/current") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<JsonElement> DataAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("data").Clone();
    }
}
