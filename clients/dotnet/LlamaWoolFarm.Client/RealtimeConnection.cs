using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LlamaWoolFarm.Client;

/// <summary>
/// The player's realtime connection (SignalR hub <c>/hubs/game</c>). It reconnects by itself (forever, with the
/// delays of <see cref="LlamaWoolFarmClientOptions.ReconnectDelays"/>), and after every <c>ready</c> calls
/// <c>resume(lastSeq)</c> so the pushes missed while away are delivered, in order, before new ones; when the server
/// no longer keeps them (<c>resync</c>) it re-reads the state instead. Numbered pushes are delivered strictly by
/// number, each once. Events are raised on a background thread (marshal to Unity's main thread yourself).
/// </summary>
public sealed class RealtimeConnection : IAsyncDisposable
{
    private const string HubPath = "hubs/game";
    private static readonly string[] PushTypes =
    [
        "commandCompleted", "commandRejected", "gameStateChanged", "offlineProgressGranted", "achievementUnlocked",
        "rankChanged", "leaderboardUpdated", "saveAccepted", "saveConflictResolved", "backupRestored", "notification",
        "friendOnline", "friendOffline",
    ];

    private static readonly TimeSpan GapWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CommandPollInterval = TimeSpan.FromSeconds(3);

    private readonly LlamaWoolFarmClient _client;
    private readonly HubConnection _hub;
    private readonly SemaphoreSlim _deliver = new(1, 1);
    private readonly SortedDictionary<long, PushMessage> _ahead = [];
    private readonly object _outcomesGate = new();
    private readonly Dictionary<Guid, CommandOutcome> _outcomes = [];
    private readonly Queue<Guid> _outcomeOrder = new();
    private readonly Dictionary<Guid, TaskCompletionSource<CommandOutcome>> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<bool> _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSeq;
    private Timer? _heartbeat;
    private Timer? _gapTimer;
    private volatile bool _reconnected;

    internal RealtimeConnection(LlamaWoolFarmClient client, long lastSeq)
    {
        _client = client;
        _lastSeq = lastSeq;
        var baseAddress = client.Options.RealtimeAddress ?? client.BaseAddress;
        var hubUrl = new Uri(baseAddress.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/"), HubPath);
        _hub = new HubConnectionBuilder()
            .WithUrl(hubUrl, o =>
            {
                o.AccessTokenProvider = client.GetFreshAccessTokenAsync;
                if (client.Options.HttpMessageHandler is { } handler)
                {
                    o.HttpMessageHandlerFactory = _ => handler;
                }
            })
            .WithAutomaticReconnect(new ForeverRetryPolicy(client.Options.ReconnectDelays))
            .Build();

        _hub.On<JsonElement>("ready", _ => StartCatchUp());
        foreach (var type in PushTypes)
        {
            _hub.On<JsonElement>(type, push => _ = ReceiveAsync([ToMessage(push, caughtUp: false)]));
        }

        _hub.Reconnecting += error =>
        {
            // Marked here, not in Reconnected: the new connection's "ready" can be handled before Reconnected runs.
            _reconnected = true;
            Reconnecting?.Invoke(this, error);
            return Task.CompletedTask;
        };
        _hub.Closed += error =>
        {
            Closed?.Invoke(this, error);
            return Task.CompletedTask;
        };
    }

    /// <summary>Every push, typed or not, in delivery order (numbered ones strictly by <see cref="PushMessage.Seq"/>).</summary>
    public event EventHandler<PushMessage>? PushReceived;

    public event EventHandler<CommandCompleted>? CommandCompleted;

    public event EventHandler<CommandRejected>? CommandRejected;

    /// <summary>The farm after a change, as the server sent it.</summary>
    public event EventHandler<GameState>? GameStateChanged;

    public event EventHandler<Notification>? NotificationReceived;

    /// <summary>A board changed (broadcast, coalesced): re-read the boards shown, at most every few seconds.</summary>
    public event EventHandler<PushMessage>? LeaderboardUpdated;

    /// <summary>The state re-read over HTTP after a reconnect or a resync (pushes in between were not all kept).</summary>
    public event EventHandler<GameState>? StateRefreshed;

    public event EventHandler<Exception?>? Reconnecting;

    /// <summary>Reconnected and caught up (missed pushes delivered or the state re-read).</summary>
    public event EventHandler? Reconnected;

    /// <summary>An event handler threw, or a push's data did not read as its type; delivery went on with the next push.</summary>
    public event EventHandler<Exception>? DeliveryFailed;

    /// <summary>Closed for good (disposed, or the server refused the player).</summary>
    public event EventHandler<Exception?>? Closed;

    /// <summary>The number of the last push delivered; keep it to resume from there in a later session.</summary>
    public long LastSeq => Interlocked.Read(ref _lastSeq);

    public HubConnectionState State => _hub.State;

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        await _hub.StartAsync(cancellationToken).ConfigureAwait(false);
        await WaitAsync(_caughtUp.Task, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        _heartbeat = new Timer(_ => _ = HeartbeatAsync(), null, _client.Options.HeartbeatInterval, _client.Options.HeartbeatInterval);
    }

    /// <summary>
    /// The outcome of a command, from its <c>commandCompleted</c> / <c>commandRejected</c> push — also when the push
    /// arrived before this call (the latest 1,000 outcomes are kept) or was caught up after a reconnect. While no push
    /// came it asks <c>GET commands/{id}</c> every 3 s, for the outcomes no push will bring (after a resync).
    /// </summary>
    public async Task<CommandOutcome> WaitForCommandAsync(Guid commandId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<CommandOutcome> waiter;
        lock (_outcomesGate)
        {
            if (_outcomes.TryGetValue(commandId, out var known))
            {
                return known;
            }

            if (!_waiters.TryGetValue(commandId, out waiter!))
            {
                waiter = new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters[commandId] = waiter;
            }
        }

        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        _ = PollAsync(commandId, stopPolling.Token);
        try
        {
            return await WaitAsync(waiter.Task, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            stopPolling.Cancel();
        }
    }

    /// <summary>Closes the connection for good (no reconnect).</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _heartbeat?.Dispose();
        _gapTimer?.Dispose();
        await _hub.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void StartCatchUp()
    {
        // Never awaited inside the handler: the SignalR client delivers the resume answer on the same loop.
        _ = Task.Run(CatchUpAsync);
    }

    private async Task CatchUpAsync()
    {
        var wasReconnect = _reconnected;
        _reconnected = false;
        try
        {
            var answer = await _hub.InvokeAsync<ResumeAnswer>("resume", LastSeq, _stopping.Token).ConfigureAwait(false);
            if (answer.Resync)
            {
                await ResyncAsync(answer.Seq).ConfigureAwait(false);
            }
            else
            {
                foreach (var missed in answer.Missed)
                {
                    missed.CaughtUp = true;
                }

                await ReceiveAsync(answer.Missed).ConfigureAwait(false);
            }

            if (wasReconnect && _client.Options.RereadStateOnReconnect && !answer.Resync)
            {
                StateRefreshed?.Invoke(this, await _client.GetStateAsync(_stopping.Token).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // HISTORY_UNAVAILABLE or a dropped connection: re-read the state; the next gap or ready resumes again.
            try
            {
                StateRefreshed?.Invoke(this, await _client.GetStateAsync(_stopping.Token).ConfigureAwait(false));
            }
            catch (Exception inner) when (inner is not OperationCanceledException)
            {
                // The next reconnect tries again.
            }
        }
        finally
        {
            _caughtUp.TrySetResult(true);
            if (wasReconnect)
            {
                Reconnected?.Invoke(this, EventArgs.Empty);
            }
        }
    }

    private async Task ResyncAsync(long seq)
    {
        await _deliver.WaitAsync(_stopping.Token).ConfigureAwait(false);
        List<PushMessage> ready;
        try
        {
            // What was missed is gone: the state read now includes it; carry on from the server's number.
            Interlocked.Exchange(ref _lastSeq, seq);
            foreach (var stale in _ahead.Keys.Where(k => k <= seq).ToList())
            {
                _ahead.Remove(stale);
            }

            ready = TakeInOrder();
        }
        finally
        {
            _deliver.Release();
        }

        StateRefreshed?.Invoke(this, await _client.GetStateAsync(_stopping.Token).ConfigureAwait(false));
        Deliver(ready);
    }

    private async Task ReceiveAsync(IEnumerable<PushMessage> pushes)
    {
        List<PushMessage> ready = [];
        await _deliver.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            foreach (var push in pushes)
            {
                if (push.Seq is not { } seq)
                {
                    ready.Add(push);
                }
                else if (seq > LastSeq)
                {
                    // Overlaps at the seam of a resume and replicas out of order: hold by number, drop repeats.
                    _ahead[seq] = push;
                }
            }

            ready.AddRange(TakeInOrder());
            if (_ahead.Count > 0)
            {
                // A gap: wait for it to fill live, else ask the server again.
                _gapTimer?.Dispose();
                _gapTimer = new Timer(_ => StartCatchUp(), null, GapWait, Timeout.InfiniteTimeSpan);
            }

            Deliver(ready);
        }
        finally
        {
            _deliver.Release();
        }
    }

    /// <summary>The held pushes that continue the series, removed from the hold; advances <see cref="LastSeq"/>.</summary>
    private List<PushMessage> TakeInOrder()
    {
        List<PushMessage> ready = [];
        while (_ahead.Count > 0)
        {
            var first = _ahead.First();
            if (first.Key <= LastSeq)
            {
                _ahead.Remove(first.Key);
                continue;
            }

            // The first push a connection sees after starting from 0 begins its series wherever the server is.
            if (first.Key != LastSeq + 1 && LastSeq != 0)
            {
                break;
            }

            _ahead.Remove(first.Key);
            Interlocked.Exchange(ref _lastSeq, first.Key);
            ready.Add(first.Value);
        }

        return ready;
    }

    private void Deliver(List<PushMessage> pushes)
    {
        foreach (var push in pushes)
        {
            try
            {
                Dispatch(push);
            }
            catch (Exception e)
            {
                // The push is delivered (LastSeq moved past it): a failing handler or an unexpected data shape must
                // not cost the pushes after it.
                DeliveryFailed?.Invoke(this, e);
            }
        }
    }

    private void Dispatch(PushMessage push)
    {
        // Outcomes are settled before any handler runs, so a throwing handler cannot strand a WaitForCommandAsync.
        CommandCompleted? completed = null;
        CommandRejected? rejected = null;
        if (push.Type == "commandCompleted")
        {
            completed = push.DataAs<CommandCompleted>();
            Settle(new CommandOutcome { CommandId = completed.CommandId, Completion = completed });
        }
        else if (push.Type == "commandRejected")
        {
            rejected = push.DataAs<CommandRejected>();
            Settle(new CommandOutcome { CommandId = rejected.CommandId, Rejection = rejected });
        }

        PushReceived?.Invoke(this, push);
        switch (push.Type)
        {
            case "commandCompleted":
                CommandCompleted?.Invoke(this, completed!);
                break;
            case "commandRejected":
                CommandRejected?.Invoke(this, rejected!);
                break;
            case "gameStateChanged":
                GameStateChanged?.Invoke(this, push.DataAs<GameState>());
                break;
            case "notification":
                NotificationReceived?.Invoke(this, push.DataAs<Notification>());
                break;
            case "leaderboardUpdated":
                LeaderboardUpdated?.Invoke(this, push);
                break;
            default:
                break;
        }
    }

    private void Settle(CommandOutcome outcome)
    {
        TaskCompletionSource<CommandOutcome>? waiter;
        lock (_outcomesGate)
        {
            if (!_outcomes.ContainsKey(outcome.CommandId))
            {
                _outcomes[outcome.CommandId] = outcome;
                _outcomeOrder.Enqueue(outcome.CommandId);
                while (_outcomeOrder.Count > 1000)
                {
                    _outcomes.Remove(_outcomeOrder.Dequeue());
                }
            }

            if (_waiters.TryGetValue(outcome.CommandId, out waiter))
            {
                _waiters.Remove(outcome.CommandId);
            }
        }

        waiter?.TrySetResult(outcome);
    }

    /// <summary>
    /// Asks <c>GET commands/{id}</c> while no push settled the command: after a resync the push itself is not kept,
    /// and a connection opened after the command finished never sees it.
    /// </summary>
    private async Task PollAsync(Guid commandId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(CommandPollInterval, cancellationToken).ConfigureAwait(false);
                var status = await _client.GetCommandAsync(commandId, cancellationToken).ConfigureAwait(false);
                if (status.Status == "completed")
                {
                    Settle(new CommandOutcome
                    {
                        CommandId = commandId,
                        Completion = new CommandCompleted
                        {
                            CommandId = commandId,
                            ActionType = status.ActionType ?? string.Empty,
                            Changes = status.Changes ?? new Dictionary<string, string>(),
                            AppliedAt = status.CompletedAt ?? DateTimeOffset.UtcNow,
                        },
                    });
                    return;
                }

                if (status.Status == "rejected")
                {
                    Settle(new CommandOutcome
                    {
                        CommandId = commandId,
                        Rejection = new CommandRejected
                        {
                            CommandId = commandId,
                            ActionType = status.ActionType ?? string.Empty,
                            Code = status.ErrorCode ?? string.Empty,
                            Message = status.ErrorMessage ?? string.Empty,
                            RejectedAt = status.CompletedAt ?? DateTimeOffset.UtcNow,
                        },
                    });
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or LlamaWoolFarmApiException or HttpRequestException)
        {
            // Settled by its push, given up by the caller, or the server is away: the push may still come.
        }
    }

    private async Task HeartbeatAsync()
    {
        if (_hub.State != HubConnectionState.Connected)
        {
            return;
        }

        try
        {
            await _hub.SendAsync("heartbeat", _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A lost connection reconnects by itself; the next heartbeat renews the lease.
        }
    }

    private static PushMessage ToMessage(JsonElement element, bool caughtUp)
    {
        var push = element.Deserialize<PushMessage>(Json.Options) ?? new PushMessage();
        push.CaughtUp = caughtUp;
        return push;
    }

    private static async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (timer.Token.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"No answer within {timeout}.");
            }
        }

        return await task.ConfigureAwait(false);
    }

    /// <summary>Reconnects forever: a game stays open for hours, and a phone loses its network for minutes.</summary>
    private sealed class ForeverRetryPolicy(IReadOnlyList<TimeSpan> delays) : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            delays.Count == 0 ? TimeSpan.FromSeconds(5) : delays[(int)Math.Min(retryContext.PreviousRetryCount, delays.Count - 1)];
    }
}
