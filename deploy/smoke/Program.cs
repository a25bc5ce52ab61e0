// The compose stage's checks against a running stack (.ci/compose-smoke starts it). Two modes:
//   smoke: a guest connects to realtime, clicks through the gateway and gets commandCompleted over SignalR.
//   scale: with the game worker scaled out, many commands from many players, each applied exactly once.
// Every check prints "PASS name" or "FAIL name: why"; the exit code is the number of failed checks, so the
// stage script can count both. Not part of LlamaWoolFarm.sln (see the project file).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

var options = Options.Parse(args);
var checks = new Checks();
try
{
    if (options.Mode == "smoke")
    {
        await Smoke.RunAsync(options, checks);
    }
    else
    {
        await Scale.RunAsync(options, checks);
    }
}
#pragma warning disable CA1031 // Whatever breaks the run is one more failed check, reported, not a crash.
catch (Exception ex)
#pragma warning restore CA1031
{
    checks.Fail("run", ex.ToString());
}

Console.WriteLine($"{options.Mode} checks: {checks.Passed} of {checks.Passed + checks.Failed} passed");
return checks.Failed;

internal sealed record Options(string Mode, Uri Gateway, IReadOnlyList<Uri> Realtime, Uri? RabbitManagement, string Queue, int Consumers, int Commands, int Players)
{
    public static Options Parse(string[] args)
    {
        if (args.Length == 0 || (args[0] != "smoke" && args[0] != "scale"))
        {
            throw new ArgumentException("usage: ComposeSmoke smoke|scale --gateway URL --realtime URL [--realtime URL] [--rabbit-management URL --queue NAME --consumers N --commands N --players N]");
        }

        Uri? gateway = null;
        Uri? management = null;
        var realtime = new List<Uri>();
        string queue = "submit-clicks";
        int consumers = 2, commands = 500, players = 10;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--gateway": gateway = new Uri(value); break;
                case "--realtime": realtime.Add(new Uri(value)); break;
                case "--rabbit-management": management = new Uri(value); break;
                case "--queue": queue = value; break;
                case "--consumers": consumers = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--commands": commands = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--players": players = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (gateway is null || realtime.Count == 0)
        {
            throw new ArgumentException("--gateway and at least one --realtime are required");
        }

        if (commands % players != 0)
        {
            throw new ArgumentException("--commands must be a multiple of --players");
        }

        return new Options(args[0], gateway, realtime, management, queue, consumers, commands, players);
    }
}

internal sealed class Checks
{
    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public void Pass(string name, string? detail = null)
    {
        Passed++;
        Console.WriteLine(detail is null ? $"PASS {name}" : $"PASS {name} ({detail})");
    }

    public void Fail(string name, string why)
    {
        Failed++;
        Console.WriteLine($"FAIL {name}: {why}");
    }

    public void Check(string name, bool ok, string detail)
    {
        if (ok)
        {
            Pass(name, detail);
        }
        else
        {
            Fail(name, detail);
        }
    }
}

/// <summary>A player as a client sees the system: HTTP to the gateway, a SignalR connection to a realtime replica.</summary>
internal sealed class Player : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<JsonElement>> _waiting = new();
    private readonly ConcurrentDictionary<Guid, int> _pushCounts = new();
    private HubConnection? _hub;

    private Player(HttpClient http, string token, Guid id)
    {
        Http = http;
        Token = token;
        Id = id;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public HttpClient Http { get; }

    public string Token { get; }

    public Guid Id { get; }

    public IReadOnlyDictionary<Guid, int> PushCounts => _pushCounts;

    public static async Task<Player> GuestAsync(Uri gateway)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "compose-smoke-" + Guid.NewGuid().ToString("N") });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            http.Dispose();
            throw new InvalidOperationException($"POST /api/v1/auth/guest answered {(int)response.StatusCode}: {body}");
        }

        var data = body.GetProperty("data");
        return new Player(http, data.GetProperty("accessToken").GetString()!, data.GetProperty("playerId").GetGuid());
    }

    /// <summary>Connects to the hub; returns once the server said <c>ready</c> (the player's group exists).</summary>
    public async Task ConnectAsync(Uri realtime)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(realtime, "/hubs/game"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(Token))
            .Build();
        _hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        foreach (var method in new[] { "commandCompleted", "commandRejected" })
        {
            _hub.On<JsonElement>(method, OnPush);
        }

        await _hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Posts a click batch; the command id of the 202.</summary>
    public async Task<Guid> ClickAsync(int quantity)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/game/actions", new { type = "click", quantity });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/v1/game/actions answered {(int)response.StatusCode}: {body}");
        }

        var id = body.GetProperty("data").GetProperty("commandId").GetGuid();
        _waiting.GetOrAdd(id, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));
        return id;
    }

    /// <summary>The first push naming the command (commandCompleted or commandRejected).</summary>
    public Task<JsonElement> PushFor(Guid commandId) =>
        _waiting.GetOrAdd(commandId, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async Task<JsonElement> GetDataAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }

        return body.GetProperty("data");
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        Http.Dispose();
    }

    private void OnPush(JsonElement push)
    {
        if (push.TryGetProperty("data", out var data) && data.TryGetProperty("commandId", out var id) && id.TryGetGuid(out var commandId))
        {
            _pushCounts.AddOrUpdate(commandId, 1, (_, n) => n + 1);
            _waiting.GetOrAdd(commandId, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(push.Clone());
        }
    }
}

internal static class Smoke
{
    public static async Task RunAsync(Options options, Checks checks)
    {
        await using var player = await Player.GuestAsync(options.Gateway);
        checks.Pass("guest", $"player {player.Id}");

        // The last replica: the push reaches it only through the Redis backplane when the relay ran on another.
        var realtime = options.Realtime[^1];
        await player.ConnectAsync(realtime);
        checks.Pass("signalr-connect", realtime.ToString());

        var commandId = await player.ClickAsync(5);
        checks.Pass("click-accepted", $"command {commandId}");

        JsonElement push;
        try
        {
            push = await player.PushFor(commandId).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            checks.Fail("commandCompleted", $"no push for {commandId} within 30 s");
            return;
        }

        var data = push.GetProperty("data");
        var text = push.ToString();
        checks.Check(
            "commandCompleted",
            push.GetProperty("type").GetString() == "commandCompleted"
                && data.GetProperty("playerId").GetGuid() == player.Id
                && data.GetProperty("changes").GetProperty("basic").GetString() == "5",
            text.Length > 160 ? text[..160] + "…" : text);

        var status = await player.GetDataAsync($"/api/v1/commands/{commandId}");
        checks.Check("command-status", status.GetProperty("status").GetString() == "completed", status.ToString());
        var state = await player.GetDataAsync("/api/v1/game/state");
        checks.Check("state-revision", state.GetProperty("revision").GetInt64() == 1, $"revision {state.GetProperty("revision")}");

        var page = await player.Http.GetStringAsync(new Uri("/", UriKind.Relative));
        checks.Check("web-client", page.Contains("Llama Wool Farm", StringComparison.Ordinal), "GET / from the gateway");
    }
}

internal static class Scale
{
    public static async Task RunAsync(Options options, Checks checks)
    {
        using var management = options.RabbitManagement is null ? null : ManagementClient(options.RabbitManagement);
        if (management is not null)
        {
            var consumers = await WaitForConsumersAsync(management, options.Queue, options.Consumers);
            checks.Check("queue-consumers", consumers == options.Consumers, $"{options.Queue} has {consumers} consumers, expected {options.Consumers}");
        }

        var perPlayer = options.Commands / options.Players;
        var players = new List<Player>();
        try
        {
            for (var i = 0; i < options.Players; i++)
            {
                var player = await Player.GuestAsync(options.Gateway);
                players.Add(player);
                await player.ConnectAsync(options.Realtime[i % options.Realtime.Count]);
            }

            checks.Pass("players-connected", $"{options.Players} guests spread over {options.Realtime.Count} realtime replicas");

            // Players click in parallel, so the two game workers compete for the queue; each player sends its next
            // command once the previous one was pushed back, and at least 100 ms after its acceptance. The game accepts at
            // most 20 clicks per second, measured between the gateway's acceptances in the order the worker applies
            // them, so clicks of one player sent faster, or applied out of order by two workers, are refused
            // (RATE_LIMITED_ACTION) by the rules, not lost: that is not what this check is about.
            var clock = Stopwatch.StartNew();
            var ids = await Task.WhenAll(players.Select(async p =>
            {
                var mine = new List<Guid>(perPlayer);
                for (var n = 0; n < perPlayer; n++)
                {
                    var id = await p.ClickAsync(1);
                    // From the 202, so that the gateway's acceptances of two clicks are always 100 ms apart.
                    var pacing = Task.Delay(100);
                    mine.Add(id);
                    try
                    {
                        await p.PushFor(id).WaitAsync(TimeSpan.FromSeconds(30));
                    }
                    catch (TimeoutException)
                    {
                        // Counted below as a command without its push.
                    }

                    await pacing;
                }

                return mine;
            }));
            var all = ids.SelectMany(x => x).ToList();
            checks.Check("commands-accepted", all.Count == options.Commands && all.Distinct().Count() == options.Commands, $"{all.Distinct().Count()} distinct command ids in {clock.ElapsedMilliseconds} ms");

            var pushes = players.SelectMany((p, i) => ids[i].Select(id => p.PushFor(id))).ToList();
            var completed = pushes.Count(t => t.IsCompletedSuccessfully && t.Result.GetProperty("type").GetString() == "commandCompleted");
            var rejected = pushes.Where(t => t.IsCompletedSuccessfully && t.Result.GetProperty("type").GetString() == "commandRejected")
                .Select(t => t.Result.GetProperty("data").TryGetProperty("code", out var code) ? code.GetString() : "?").ToList();
            var missing = pushes.Count(t => !t.IsCompletedSuccessfully);
            checks.Check(
                "all-completed-pushed",
                completed == options.Commands,
                $"{completed}/{options.Commands} commandCompleted pushes in {clock.ElapsedMilliseconds} ms; {rejected.Count} rejected [{string.Join(", ", rejected.Distinct())}]; {missing} without a push");

            // Applied exactly once: every applied command bumps the player's revision by one, so a command applied
            // twice, or one reported completed but lost, shows as a revision other than the player's completed count.
            var wrong = new List<string>();
            var statuses = 0;
            for (var i = 0; i < players.Count; i++)
            {
                var mine = 0;
                foreach (var id in ids[i])
                {
                    var status = await players[i].GetDataAsync($"/api/v1/commands/{id}");
                    if (status.GetProperty("status").GetString() == "completed")
                    {
                        mine++;
                    }
                }

                statuses += mine;
                var state = await players[i].GetDataAsync("/api/v1/game/state");
                var revision = state.GetProperty("revision").GetInt64();
                if (revision != mine)
                {
                    wrong.Add($"player {players[i].Id}: revision {revision}, {mine} commands completed");
                }
            }

            checks.Check("applied-exactly-once", wrong.Count == 0, wrong.Count == 0 ? $"{options.Players} players: every revision = the player's completed commands" : string.Join("; ", wrong));
            checks.Check("command-statuses", statuses == options.Commands, $"{statuses}/{options.Commands} commands report completed");
            var duplicates = players.Sum(p => p.PushCounts.Values.Count(n => n > 1));
            checks.Check("one-push-per-command", duplicates == 0, $"{duplicates} commands pushed more than once");

            if (management is not null)
            {
                var delivered = await DeliveriesPerConsumerAsync(management, options.Queue, options.Consumers);
                checks.Check(
                    "every-worker-consumed",
                    delivered.Count == options.Consumers && delivered.All(d => d > 0),
                    $"deliveries per consumer channel of {options.Queue}: [{string.Join(", ", delivered)}]");
            }
        }
        finally
        {
            foreach (var player in players)
            {
                await player.DisposeAsync();
            }
        }
    }

    private static HttpClient ManagementClient(Uri address)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        // The broker account of the compose files: user lwf, password from the stage's environment.
        var credentials = $"lwf:{Environment.GetEnvironmentVariable("LWF_RABBITMQ_PASSWORD")}";
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
        return http;
    }

    /// <summary>Consumers on the queue, waiting up to 60 s for the expected count (a new replica is still starting).</summary>
    private static async Task<int> WaitForConsumersAsync(HttpClient management, string queue, int expected)
    {
        var consumers = -1;
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            using var response = await management.GetAsync(new Uri($"api/queues/%2F/{queue}", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                consumers = body.GetProperty("consumers").GetInt32();
                if (consumers == expected)
                {
                    return consumers;
                }
            }

            await Task.Delay(1000);
        }

        return consumers;
    }

    /// <summary>
    /// Messages delivered on each consumer channel of the queue. The management plugin samples channel statistics
    /// every 5 s, so this polls for up to 20 s until every channel shows some.
    /// </summary>
    private static async Task<List<long>> DeliveriesPerConsumerAsync(HttpClient management, string queue, int expected)
    {
        var delivered = new List<long>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            delivered.Clear();
            var body = await management.GetFromJsonAsync<JsonElement>(new Uri($"api/queues/%2F/{queue}", UriKind.Relative));
            foreach (var consumer in body.GetProperty("consumer_details").EnumerateArray())
            {
                var channel = consumer.GetProperty("channel_details").GetProperty("name").GetString()!;
                var details = await management.GetFromJsonAsync<JsonElement>(new Uri($"api/channels/{Uri.EscapeDataString(channel)}", UriKind.Relative));
                delivered.Add(details.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("deliver_get", out var n) ? n.GetInt64() : 0);
            }

            if (delivered.Count == expected && delivered.All(d => d > 0))
            {
                break;
            }

            await Task.Delay(2000);
        }

        return delivered;
    }
}
