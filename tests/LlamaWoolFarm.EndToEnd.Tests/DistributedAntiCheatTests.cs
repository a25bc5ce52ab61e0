using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// The anti-cheat review across processes over the real RabbitMQ (a virtual host of this test's own) and Redis: two
/// gateway instances and a worker process. Anomalies observed by the game worker and by a gateway reach the accounts
/// worker as messages; a ban made on gateway A is enforced by gateway B within B's ban-list cache time (set to 2 s
/// here), including refresh; the board hides the banned player; a clear lets it back; the audit log has both actions.
/// </summary>
public sealed class DistributedAntiCheatTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminEmail = "ops@example.org";
    private const int CacheSeconds = 2;
    private readonly HttpClient _http = new();
    private DistributedProcesses _system = null!;

    private Uri GatewayA => _system.Processes[1].BaseAddress;

    private Uri GatewayB => _system.Processes[2].BaseAddress;

    public async Task InitializeAsync()
    {
        _system = await DistributedProcesses.CreateAsync(new Dictionary<string, string>
        {
            ["Leaderboards__KeyPrefix"] = $"lwf-test:lb:{Guid.NewGuid():N}:",
            ["RateLimits__PerPlayer"] = "30",
            ["RateLimits__Window"] = "00:00:03",
            ["Moderation__OffenceWindowSeconds"] = "2",
            ["Moderation__BanListCacheSeconds"] = CacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await _system.StartAsync(
            ("Workers", "LlamaWoolFarm.Workers.Host", _system.Workers("game,accounts,saves,leaderboards", new Dictionary<string, string> { ["Accounts__AdminEmails"] = AdminEmail })),
            ("Gateway", "LlamaWoolFarm.Gateway", _system.Common),
            ("Gateway", "LlamaWoolFarm.Gateway", _system.Common));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Anomalies_flow_to_the_accounts_worker_and_a_ban_on_one_gateway_is_enforced_by_the_other_within_its_cache_time()
    {
        try
        {
            await RunAsync();
        }
        catch
        {
            output.WriteLine(_system.Output);
            throw;
        }
    }

    private async Task RunAsync()
    {
        var admin = await AdminAsync(GatewayA);
        var (cheat, cheatRefresh, cheatDevice) = await GuestAsync(GatewayB, "cheat");
        var (honest, _, _) = await GuestAsync(GatewayB, "honest");
        var cheatId = await PlayerIdAsync(GatewayB, cheat);
        var honestId = await PlayerIdAsync(GatewayB, honest);

        // A click burst on gateway B, four full batches at once: the allowance holds one, so the game worker refuses
        // three and publishes the refusals. Sent together: one after another on a loaded machine they can spread over
        // the 5 s in which the allowance refills a full batch.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendAsync(GatewayB, cheat, HttpMethod.Post, "/api/v1/game/actions", new { type = "click", quantity = 100 })));

        await SendAsync(GatewayB, honest, HttpMethod.Post, "/api/v1/game/actions", new { type = "click", quantity = 10 });

        // Hammering gateway B past its limit: one coalesced record per offence window.
        var refused = 0;
        for (var i = 0; i < 300 && refused < 20; i++)
        {
            refused += (await SendAsync(GatewayB, cheat, HttpMethod.Get, "/api/v1/game/config")).Status == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.True(refused >= 20, $"only {refused} requests were refused");
        var history = await EventuallyAsync(
            () => DataAsync(GatewayA, admin, HttpMethod.Get, $"/api/v1/admin/players/{cheatId}/anomalies"),
            h => Count(h, "action-refused") >= 3 && Count(h, "rate-limited") == refused);
        Assert.InRange(history.GetProperty("anomalies").EnumerateArray().Count(a => a.GetProperty("kind").GetString() == "rate-limited"), 1, 3);
        Assert.Contains(history.GetProperty("anomalies").EnumerateArray(), a => a.GetProperty("rule").GetString() == "RATE_LIMITED_ACTION");
        var scores = await DataAsync(GatewayA, admin, HttpMethod.Get, "/api/v1/admin/anomalies?limit=10");
        Assert.Equal(cheatId, scores.GetProperty("players")[0].GetProperty("playerId").GetGuid());

        // Both on the board, then the ban on gateway A.
        await EventuallyAsync(() => BoardAsync(GatewayB, honest), b => b.Contains(cheatId) && b.Contains(honestId));
        // The hammering above may have left the player inside its 3-s rate-limit window: wait it out, then it reads.
        Assert.Equal(HttpStatusCode.OK, (await EventuallyAsync(
            () => SendAsync(GatewayB, cheat, HttpMethod.Get, "/api/v1/game/state"),
            r => r.Status != HttpStatusCode.TooManyRequests)).Status);
        var (banStatus, _) = await SendAsync(GatewayA, admin, HttpMethod.Post, $"/api/v1/admin/players/{cheatId}/ban", new { reason = "Click bot." });
        Assert.Equal(HttpStatusCode.OK, banStatus);
        var clock = Stopwatch.StartNew();
        var (status, body) = await SendAsync(GatewayB, cheat, HttpMethod.Get, "/api/v1/game/state");
        while (status == HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(CacheSeconds + 1), "gateway B still accepts the banned player's token");
            await Task.Delay(100);
            (status, body) = await SendAsync(GatewayB, cheat, HttpMethod.Get, "/api/v1/game/state");
        }

        output.WriteLine($"Gateway B refused the banned token {clock.ElapsedMilliseconds} ms after the ban on gateway A (cache {CacheSeconds} s).");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("ACCOUNT_BANNED", body.GetProperty("error").GetProperty("code").GetString());
        var (refreshStatus, refresh) = await SendAsync(GatewayB, null, HttpMethod.Post, "/api/v1/auth/refresh", new { refreshToken = cheatRefresh });
        Assert.Equal(HttpStatusCode.Forbidden, refreshStatus);
        Assert.Equal("ACCOUNT_BANNED", refresh.GetProperty("error").GetProperty("code").GetString());
        await EventuallyAsync(() => BoardAsync(GatewayB, honest), b => !b.Contains(cheatId) && b.Contains(honestId));

        // The clear on gateway A lets the player sign in on gateway B again (within B's cache time) and back on the board.
        var (clearStatus, _) = await SendAsync(GatewayA, admin, HttpMethod.Post, $"/api/v1/admin/players/{cheatId}/clear", new { liftBan = true, markReviewed = true });
        Assert.Equal(HttpStatusCode.OK, clearStatus);
        await EventuallyAsync(async () => (await SendAsync(GatewayB, null, HttpMethod.Post, "/api/v1/auth/guest", new { deviceId = cheatDevice })).Status, s => s == HttpStatusCode.OK);
        await EventuallyAsync(() => BoardAsync(GatewayB, honest), b => b.Contains(cheatId));

        var audit = await EventuallyAsync(() => DataAsync(GatewayA, admin, HttpMethod.Get, "/api/v1/admin/audit?limit=10"), a => a.GetProperty("entries").GetArrayLength() >= 2);
        Assert.Equal(
            ["POST admin/players/{playerId}/clear", "POST admin/players/{playerId}/ban"],
            audit.GetProperty("entries").EnumerateArray().Take(2).Select(e => e.GetProperty("action").GetString()));
    }

    private static int Count(JsonElement history, string kind) =>
        history.GetProperty("anomalies").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == kind).Sum(a => a.GetProperty("count").GetInt32());

    private async Task<string> AdminAsync(Uri gateway)
    {
        const string Password = "correct horse battery";
        var (registered, body) = await SendAsync(gateway, null, HttpMethod.Post, "/api/v1/auth/register", new { email = AdminEmail, password = Password });
        Assert.True(registered == HttpStatusCode.Created || registered == HttpStatusCode.OK, body.ToString());
        var (_, login) = await SendAsync(gateway, null, HttpMethod.Post, "/api/v1/auth/login", new { email = AdminEmail, password = Password });
        return login.GetProperty("data").GetProperty("accessToken").GetString()!;
    }

    private async Task<(string Token, string Refresh, string Device)> GuestAsync(Uri gateway, string name)
    {
        var device = $"{name}-{Guid.NewGuid():N}";
        var (_, body) = await SendAsync(gateway, null, HttpMethod.Post, "/api/v1/auth/guest", new { deviceId = device });
        var data = body.GetProperty("data");
        return (data.GetProperty("accessToken").GetString()!, data.GetProperty("refreshToken").GetString()!, device);
    }

    private async Task<Guid> PlayerIdAsync(Uri gateway, string token) =>
        (await DataAsync(gateway, token, HttpMethod.Get, "/api/v1/players/me")).GetProperty("playerId").GetGuid();

    private async Task<HashSet<Guid>> BoardAsync(Uri gateway, string token) =>
        (await DataAsync(gateway, token, HttpMethod.Get, "/api/v1/leaderboards/totalWool?limit=100")).GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("playerId").GetGuid()).ToHashSet();

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var last = await read();
        while (!done(last))
        {
            Assert.True(DateTime.UtcNow < until, $"not reached in time: {last}");
            await Task.Delay(300);
            last = await read();
        }

        return last;
    }

    private async Task<JsonElement> DataAsync(Uri gateway, string token, HttpMethod method, string path)
    {
        var (status, body) = await SendAsync(gateway, token, method, path);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {status} {body}");
        return body.GetProperty("data").Clone();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Uri gateway, string? token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(gateway, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
