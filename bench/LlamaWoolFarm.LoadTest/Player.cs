using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LlamaWoolFarm.LoadTest;

/// <summary>One simulated player: a guest with a live connection who clicks, measuring command-to-push latency.</summary>
internal sealed class Player(HttpClient http, LoadOptions options, Stats stats) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, long> _inFlight = new();
    private readonly ConcurrentDictionary<Guid, double> _sentAt = new();

    // Pushes that arrived before the HTTP answer naming their command (the command finished faster than the answer
    // travelled back): the time they arrived, matched when the answer comes. Without it such a command counted as
    // unanswered although its push had come.
    private readonly ConcurrentDictionary<Guid, (long At, bool Rejected)> _early = new();
    private HubConnection? _hub;
    private string _token = string.Empty;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var guest = await http.PostAsJsonAsync(new Uri(options.Gateway, "/api/v1/auth/guest"), new { deviceId = "load-" + Guid.NewGuid().ToString("N") }, cancellationToken);
        guest.EnsureSuccessStatusCode();
        _token = (await guest.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("data").GetProperty("accessToken").GetString()!;

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(options.Realtime, "/hubs/game"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_token))
            .Build();
        _hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        _hub.On<JsonElement>("commandCompleted", m => Done(m, rejected: false));
        _hub.On<JsonElement>("commandRejected", m => Done(m, rejected: true));
        await _hub.StartAsync(cancellationToken);
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Sends commands every <paramref name="interval"/> (or back to back when zero) until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        // Spread the players' first sends over one interval so the load is even, not in waves.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds), cancellationToken);
        var next = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (options.Open && interval > TimeSpan.Zero)
            {
                // Open loop: the next send does not wait for this answer.
                _ = SendOneAsync(cancellationToken);
            }
            else
            {
                await SendOneAsync(cancellationToken);
            }

            if (interval > TimeSpan.Zero)
            {
                next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }
            else
            {
                // Closed loop: at most one command in flight per player.
                while (!_inFlight.IsEmpty && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(1, cancellationToken);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    private async Task SendOneAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Gateway, "/api/v1/game/actions"))
        {
            Content = JsonContent.Create(new { type = "click", quantity = options.ClicksPerCommand }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var started = Stopwatch.GetTimestamp();
        var sentAt = stats.Clock.Elapsed.TotalSeconds;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                if ((int)response.StatusCode == 503 && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"OVERLOADED\"", StringComparison.Ordinal))
                {
                    stats.Shed(sentAt);
                    return;
                }

                stats.HttpError((int)response.StatusCode);
                return;
            }

            var commandId = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("data").GetProperty("commandId").GetGuid();
            stats.Sent(sentAt);
            _inFlight[commandId] = started;
            _sentAt[commandId] = sentAt;
            // Whoever removes the in-flight entry (here or the push handler) completes the command, exactly once.
            if (_early.TryGetValue(commandId, out var early) && _inFlight.TryRemove(commandId, out _))
            {
                Complete(commandId, started, early.At, early.Rejected);
            }
        }
        catch (HttpRequestException)
        {
            stats.HttpError(0);
        }
        catch (OperationCanceledException)
        {
            // The run ended while this open-loop send was on its way.
        }
    }

    private void Done(JsonElement push, bool rejected)
    {
        var at = Stopwatch.GetTimestamp();
        var data = push.GetProperty("data");
        if (!data.TryGetProperty("commandId", out var id))
        {
            return;
        }

        var commandId = id.GetGuid();
        if (_inFlight.TryRemove(commandId, out var started))
        {
            Complete(commandId, started, at, rejected);
            return;
        }

        _early[commandId] = (at, rejected);
        // The answer may have been recorded between the two looks.
        if (_inFlight.TryRemove(commandId, out started))
        {
            Complete(commandId, started, at, rejected);
        }
    }

    /// <summary>Counts a command whose in-flight entry the caller removed, from its start to its push.</summary>
    private void Complete(Guid commandId, long started, long pushedAt, bool rejected)
    {
        _early.TryRemove(commandId, out _);
        _sentAt.TryRemove(commandId, out var sentAt);
        stats.Completed(sentAt, Stopwatch.GetElapsedTime(started, pushedAt).TotalMilliseconds, rejected);
    }
}
