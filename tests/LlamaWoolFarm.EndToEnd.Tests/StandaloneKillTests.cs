using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// The Standalone executable killed with SIGKILL in the middle of a click load and started again on the same data
/// folder: every command it answered 202 is applied exactly once, and a re-POST of it with its Idempotency-Key
/// (the in-memory key store died with the process) is replayed, not applied again.
/// </summary>
public sealed class StandaloneKillTests
{
    private const int Players = 4;
    private const int StreamsPerPlayer = 3;
    private const int KeysPerStream = 30;
    private const int AnsweredBeforeKill = 200;

    [Fact]
    public async Task Every_command_answered_202_before_a_kill_9_is_applied_exactly_once_after_the_restart()
    {
        var data = TestServers.NewDataFolder();
        var devices = Enumerable.Range(0, Players).Select(p => $"kill-{p}-{Guid.NewGuid():N}").ToList();
        // Per device: key → command id, for the requests answered 202; and every key tried, answered or not.
        var answered = devices.ToDictionary(d => d, _ => new ConcurrentDictionary<string, Guid>());
        var tried = devices.ToDictionary(d => d, _ => new ConcurrentBag<string>());

        ServiceProcess? first = await StartAsync(data);
        try
        {
            var clients = new List<HttpClient>();
            foreach (var device in devices)
            {
                clients.Add(await SignInAsync(first.BaseAddress, device));
            }

            var total = 0;
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var load = devices.SelectMany((device, p) => Enumerable.Range(0, StreamsPerPlayer).Select(stream => Task.Run(async () =>
            {
                for (var i = 0; i < KeysPerStream && !killed.Task.IsCompleted; i++)
                {
                    var key = $"click-{stream}-{i}";
                    tried[device].Add(key);
                    try
                    {
                        answered[device][key] = await ClickAsync(clients[p], key);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // The process died under this request: no answer, no promise.
                        return;
                    }

                    if (Interlocked.Increment(ref total) == AnsweredBeforeKill)
                    {
                        killed.TrySetResult();
                    }
                }
            }))).ToList();

            await Task.WhenAny(killed.Task, Task.WhenAll(load));
            Assert.True(killed.Task.IsCompleted, $"Only {total} commands were answered before the load ended.{Environment.NewLine}{first.Output}");
            // SIGKILL: no shutdown, nothing flushed beyond what was committed.
            await first.DisposeAsync();
            first = null;
            await Task.WhenAll(load);
            clients.ForEach(c => c.Dispose());
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }
        }

        Assert.True(answered.Values.Sum(a => a.Count) >= AnsweredBeforeKill);
        await using var second = await StartAsync(data);
        foreach (var device in devices)
        {
            using var http = await SignInAsync(second.BaseAddress, device);
            var before = new Dictionary<Guid, JsonElement>();
            foreach (var id in answered[device].Values)
            {
                before[id] = await FinalStatusAsync(http, id, second.Output);
            }

            // Every key tried is posted again: an answered one names the same command and is replayed; one the kill
            // cut off is either applied now for the first time or replayed if the outbox had it.
            var all = new HashSet<Guid>();
            foreach (var key in tried[device].Distinct())
            {
                var id = await ClickAsync(http, key);
                if (answered[device].TryGetValue(key, out var original))
                {
                    Assert.Equal(original, id);
                }

                all.Add(id);
            }

            var completed = 0;
            foreach (var id in all)
            {
                var status = await FinalStatusAsync(http, id, second.Output);
                if (before.TryGetValue(id, out var earlier))
                {
                    Assert.Equal(earlier.GetProperty("status").GetString(), status.GetProperty("status").GetString());
                    Assert.Equal(earlier.GetProperty("completedAt").GetString(), status.GetProperty("completedAt").GetString());
                }

                completed += status.GetProperty("status").GetString() == "completed" ? 1 : 0;
            }

            var state = await DataAsync(http, "/api/v1/game/state");
            // Each applied command moved the revision once; a command applied twice would have moved it twice.
            Assert.True(completed == state.GetProperty("revision").GetInt64(), $"{device}: {completed} commands completed, revision {state.GetProperty("revision")}.{Environment.NewLine}{second.Output}");
        }
    }

    private static Task<ServiceProcess> StartAsync(string data) =>
        ServiceProcess.StartAsync("Standalone", "LlamaWoolFarm.Standalone", new Dictionary<string, string>
        {
            ["Storage__DataPath"] = data,
            ["RateLimits__PerPlayer"] = "100000",
            ["RateLimits__Auth"] = "1000",
        });

    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string deviceId)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var guest = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId });
        var body = await guest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(guest.IsSuccessStatusCode, body.ToString());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("data").GetProperty("accessToken").GetString());
        return http;
    }

    private static async Task<Guid> ClickAsync(HttpClient http, string key)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity = 1 }) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            // Backpressure sheds commands on a loaded machine (nothing accepted): a client retries the same key after
            // Retry-After, as the SDKs do. Only a 202 is a promise this test holds the server to.
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && body.GetProperty("error").GetProperty("code").GetString() == "OVERLOADED")
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
            return body.GetProperty("data").GetProperty("commandId").GetGuid();
        }
    }

    private static async Task<JsonElement> DataAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("data").Clone();
    }

    private static async Task<JsonElement> FinalStatusAsync(HttpClient http, Guid commandId, string diagnostics)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await DataAsync(http, $"/api/v1/commands/{commandId}");
            if (status.GetProperty("status").GetString() != "pending")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Command {commandId} answered 202 is still pending after the restart.{Environment.NewLine}{diagnostics}");
            await Task.Delay(100);
        }
    }
}
