using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// Guests clicking at a steady pace, as the web client does: every click has its own Idempotency-Key, and a POST
/// that fails (5xx, 409, 429, a refused or dropped connection, a timeout) is posted again with the same key and body
/// after a short pause, for at most <see cref="RetryBound"/>. Every failed attempt is counted by its status.
/// </summary>
internal sealed class ClickLoad : IAsyncDisposable
{
    /// <summary>Clicks per POST: one, so any spacing of 50 ms or more between two batches is within the click rate.</summary>
    public const int Quantity = 1;

    /// <summary>How long one click is retried before the client gives up; longer than the gateway's 1-minute idempotency claim.</summary>
    public static readonly TimeSpan RetryBound = TimeSpan.FromSeconds(90);

    /// <summary>A player's clicks are processed about this far apart, so a batch of one stays under 20 clicks per second of server time.</summary>
    public static readonly TimeSpan DefaultPace = TimeSpan.FromMilliseconds(200);

    private readonly GameApi _api;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<AcceptedClick> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentQueue<string> _abandoned = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _players;
    private readonly TimeSpan _pace;
    private long _faultAt = -1;
    private long _recoveredAt = -1;
    private int _acceptedAfterRecovery;
    private long _longestWait;

    private ClickLoad(GameApi api, IReadOnlyList<Guest> guests, TimeSpan pace)
    {
        _api = api;
        _pace = pace;
        _players = [.. guests.Select(g => Task.Run(() => PlayAsync(g)))];
    }

    public IReadOnlyCollection<AcceptedClick> Accepted => _accepted;

    /// <summary>Failed attempts by HTTP status, or <c>connection</c> (refused or dropped) and <c>timeout</c>.</summary>
    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>Clicks given up after <see cref="RetryBound"/> or refused with a status that retrying cannot change.</summary>
    public IReadOnlyCollection<string> Abandoned => _abandoned;

    /// <summary>From <see cref="MarkFault"/> to the first 202 of a POST sent after it; null until then.</summary>
    public TimeSpan? Recovery => Interlocked.Read(ref _recoveredAt) is >= 0 and var at ? TimeSpan.FromTicks(at - Interlocked.Read(ref _faultAt)) : null;

    /// <summary>The longest time from a click's first POST to its 202: what the slowest player waited.</summary>
    public TimeSpan LongestWait => TimeSpan.FromTicks(Interlocked.Read(ref _longestWait));

    /// <summary>Starts every guest clicking, one click per POST, <paramref name="pace"/> (default <see cref="DefaultPace"/>) after the previous 202.</summary>
    public static ClickLoad Start(GameApi api, IReadOnlyList<Guest> guests, TimeSpan? pace = null) => new(api, guests, pace ?? DefaultPace);

    /// <summary>Notes the moment of the fault; recovery is measured from here.</summary>
    public void MarkFault() => Interlocked.Exchange(ref _faultAt, _clock.Elapsed.Ticks);

    /// <summary>Waits until <paramref name="total"/> clicks were accepted, and <paramref name="afterRecovery"/> of them after the recovery.</summary>
    public async Task WaitForAcceptedAsync(int total, int afterRecovery, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_accepted.Count < total || Volatile.Read(ref _acceptedAfterRecovery) < afterRecovery)
        {
            if (_clock.Elapsed > deadline)
            {
                throw new TimeoutException(
                    $"{_accepted.Count} clicks accepted ({_acceptedAfterRecovery} after recovery) within {timeout}; wanted {total} ({afterRecovery}). "
                    + $"Errors: {FaultReport.Format(Errors)}.{Environment.NewLine}{diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops starting new clicks; each player finishes (or gives up) the click it is posting.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_players);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task PlayAsync(Guest guest)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            await ClickUntilAcceptedAsync(guest, $"load-{n}");
            try
            {
                await Task.Delay(_pace, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ClickUntilAcceptedAsync(Guest guest, string key)
    {
        var firstSent = _clock.Elapsed;
        var deadline = firstSent + RetryBound;
        while (true)
        {
            var sentAt = _clock.Elapsed.Ticks;
            var answer = await _api.ClickAsync(guest, key, Quantity);
            if (answer.CommandId is { } commandId)
            {
                _accepted.Enqueue(new AcceptedClick(guest.PlayerId, key, Quantity, commandId, DateTimeOffset.UtcNow));
                var waited = (_clock.Elapsed - firstSent).Ticks;
                for (var longest = Interlocked.Read(ref _longestWait); waited > longest; longest = Interlocked.Read(ref _longestWait))
                {
                    Interlocked.CompareExchange(ref _longestWait, waited, longest);
                }

                var faultAt = Interlocked.Read(ref _faultAt);
                if (faultAt >= 0 && sentAt >= faultAt)
                {
                    Interlocked.CompareExchange(ref _recoveredAt, _clock.Elapsed.Ticks, -1);
                }

                if (Interlocked.Read(ref _recoveredAt) >= 0)
                {
                    Interlocked.Increment(ref _acceptedAfterRecovery);
                }

                return;
            }

            _errors.AddOrUpdate(answer.Error, 1, (_, count) => count + 1);
            if (!answer.Retryable || _clock.Elapsed > deadline)
            {
                _abandoned.Enqueue($"{guest.PlayerId}/{key}: {answer.Error} {answer.Body}");
                return;
            }

            await Task.Delay(answer.RetryAfter ?? TimeSpan.FromMilliseconds(250));
        }
    }
}

/// <summary>A click the gateway accepted (202): the key it was posted with and the command id it answered.</summary>
internal sealed record AcceptedClick(Guid PlayerId, string Key, int Quantity, Guid CommandId, DateTimeOffset AcceptedAt);

/// <summary>A guest of the load: id and bearer token.</summary>
internal sealed record Guest(Guid PlayerId, string AccessToken);

/// <summary>One POST's answer: the command id of a 202, or the error label, whether a retry may help, and its Retry-After.</summary>
internal sealed record ClickAnswer(Guid? CommandId, string Error, bool Retryable, TimeSpan? RetryAfter, string? Body)
{
    public static ClickAnswer Failed(HttpStatusCode status, TimeSpan? retryAfter, string body) =>
        new(null, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), status is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)status >= 500, retryAfter, body);
}
