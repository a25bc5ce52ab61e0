using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.ServiceDefaults.Messaging.Outbox;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// Standalone answers 202 only after the command is in its SQLite outbox: commands recorded by one run and never
/// delivered (<c>Outbox:HoldDelivery</c> stands in for a crash between the commit and the send) are applied by the
/// next run on the same data folder, each exactly once, and leave the outbox when their consumer has finished.
/// </summary>
public sealed class OutboxRestartTests
{
    private const int Players = 3;
    private const int ClicksPerPlayer = 8;

    [Fact]
    public async Task Commands_recorded_but_not_delivered_before_a_restart_are_applied_once_after_it()
    {
        var data = TestServers.NewDataFolder();
        var devices = Enumerable.Range(0, Players).Select(p => $"outbox-restart-{p}-{Guid.NewGuid():N}").ToList();
        var accepted = new Dictionary<string, List<Guid>>();
        await using (var held = Standalone(data, holdDelivery: true))
        {
            foreach (var device in devices)
            {
                using var http = await SignInAsync(held, device);
                var ids = accepted[device] = [];
                for (var i = 0; i < ClicksPerPlayer; i++)
                {
                    ids.Add(await PostAsync(http, "/api/v1/game/actions", new { type = "click", quantity = 1 }, $"click-{i}"));
                }

                ids.Add(await PostAsync(http, "/api/v1/game/offline/claim", null, "claim"));
                Assert.Equal("pending", (await DataAsync(http, $"/api/v1/commands/{ids[0]}")).GetProperty("status").GetString());
            }
        }

        await using var after = Standalone(data, holdDelivery: false);
        foreach (var device in devices)
        {
            using var http = await SignInAsync(after, device);
            var statuses = new List<string>();
            foreach (var id in accepted[device])
            {
                statuses.Add(await FinalStatusAsync(http, id));
            }

            var state = await DataAsync(http, "/api/v1/game/state");
            Assert.All(statuses, s => Assert.Contains(s, new[] { "completed", "rejected" }));
            Assert.Contains("completed", statuses);
            // Every applied command moved the revision once: a second application would move it again.
            Assert.Equal(statuses.Count(s => s == "completed"), state.GetProperty("revision").GetInt64());
        }

        var outbox = after.Services.GetRequiredService<CommandOutbox>();
        var store = after.Services.GetRequiredService<IDocumentStore>();
        var rows = store.Collection<OutboxMessage>("outbox", new DocumentIndex("box"));
        var instances = store.Collection<OutboxInstance>("outbox_instances", new DocumentIndex("kind"));
        await WaitUntilAsync(async () => (await rows.FindAsync("box", outbox.InstanceId, 100)).Count == 0);
        Assert.Equal([outbox.InstanceId], (await instances.FindAsync("kind", OutboxInstance.Instance, 100)).Select(i => i.Id));
    }

    [Fact]
    public async Task A_delivered_command_leaves_the_outbox_once_its_consumer_has_finished()
    {
        await using var standalone = Standalone(TestServers.NewDataFolder(), holdDelivery: false);
        using var http = await SignInAsync(standalone, $"outbox-live-{Guid.NewGuid():N}");

        var id = await PostAsync(http, "/api/v1/game/actions", new { type = "click", quantity = 3 }, "one");
        Assert.Equal("completed", await FinalStatusAsync(http, id));

        var outbox = standalone.Services.GetRequiredService<CommandOutbox>();
        var rows = standalone.Services.GetRequiredService<IDocumentStore>().Collection<OutboxMessage>("outbox", new DocumentIndex("box"));
        await WaitUntilAsync(async () => (await rows.FindAsync("box", outbox.InstanceId, 10)).Count == 0);
    }

    private static WebApplicationFactory<Program> Standalone(string data, bool holdDelivery) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Storage:DataPath", data)
            .UseSetting("Outbox:HoldDelivery", holdDelivery ? "true" : "false")
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

    private static async Task<Guid> PostAsync(HttpClient http, string path, object? body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, answer.ToString());
        return answer.GetProperty("data").GetProperty("commandId").GetGuid();
    }

    private static async Task<JsonElement> DataAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("data").Clone();
    }

    private static async Task<string> FinalStatusAsync(HttpClient http, Guid commandId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = (await DataAsync(http, $"/api/v1/commands/{commandId}")).GetProperty("status").GetString()!;
            if (status != "pending" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 15 s.");
            await Task.Delay(50);
        }
    }
}
