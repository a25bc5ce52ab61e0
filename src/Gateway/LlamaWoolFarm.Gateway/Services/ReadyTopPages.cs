using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Gateway.Api;
using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Gateway.Services;

/// <summary>
/// Top pages of the boards kept as the ready UTF-8 bytes of their whole envelope, up to its <c>meta</c>: a hit is
/// answered without asking the leaderboards worker and without serializing the page (only the request's own
/// <c>meta</c> is written). A page is kept only as long as the worker said its rows may still be served
/// (<see cref="LeaderboardHeaders.ReusableForMilliseconds"/>, what is left of <c>Leaderboards:TopPageCacheSeconds</c>
/// since they were read), so a new score reaches the pages no later than without this copy. The worker sends no such
/// header while a hidden (banned) player is on the board, and a ban or a lifted ban clears every page here and keeps
/// new ones out for <see cref="BanHoldOff"/> (longer than the workers take to learn of it), so hidden players stay hidden.
/// </summary>
public sealed class ReadyTopPages(IOptions<JsonOptions> json, TimeProvider clock)
{
    /// <summary>How many pages are kept at most (each ≤ ~15 KB); beyond it, answers are not kept until some expire.</summary>
    public const int MaxPages = 1000;

    /// <summary>How long after a ban (or a lifted ban) no page is kept: the workers' hidden-player list is re-read every 2 s.</summary>
    public static readonly TimeSpan BanHoldOff = TimeSpan.FromSeconds(5);

    private static readonly byte[] MetaProperty = ",\"meta\":"u8.ToArray();

    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;
    private readonly ConcurrentDictionary<Key, Entry> _pages = new();
    private long _keepNothingUntil = long.MinValue;

    /// <summary>A page request as the client named it (the period and offset filled in with their defaults).</summary>
    public readonly record struct Key(string Category, string Period, string? Season, long Offset, int Limit);

    /// <summary>How many pages are kept now (tests, metrics).</summary>
    public int Count => _pages.Count;

    /// <summary>The kept page for <paramref name="key"/> as a result, or null when there is none or it expired.</summary>
    public IResult? Find(Key key) =>
        _pages.TryGetValue(key, out var entry) && Now() < entry.ExpiresAt ? new ReadyResult(entry.Head) : null;

    /// <summary>
    /// The result for the worker's answer <paramref name="page"/>, built from ready bytes, which are kept for
    /// <paramref name="reusableFor"/> when that is positive and no ban is being waited out.
    /// </summary>
    public IResult Keep(Key key, LeaderboardPage page, TimeSpan reusableFor)
    {
        var head = Head(page);
        var now = Now();
        if (reusableFor > TimeSpan.Zero && now >= Volatile.Read(ref _keepNothingUntil) && (_pages.Count < MaxPages || DropExpired(now) < MaxPages))
        {
            _pages[key] = new Entry(head, now + reusableFor.Ticks);
            // A ban that arrived while this was stored must not leave it behind.
            if (Now() < Volatile.Read(ref _keepNothingUntil))
            {
                _pages.TryRemove(key, out _);
            }
        }

        return new ReadyResult(head);
    }

    /// <summary>Drops every kept page and keeps none for <see cref="BanHoldOff"/>: a player was banned or cleared.</summary>
    public void Forget()
    {
        Volatile.Write(ref _keepNothingUntil, Now() + BanHoldOff.Ticks);
        _pages.Clear();
    }

    /// <summary>The leaderboards worker's reuse header of an answer; null when absent or not a positive number.</summary>
    public static TimeSpan? ReusableFor(Headers headers) =>
        headers.TryGetHeader(LeaderboardHeaders.ReusableForMilliseconds, out var value) && value is not null
            && long.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out var ms) && ms > 0
                ? TimeSpan.FromMilliseconds(ms)
                : null;

    /// <summary>
    /// The envelope of <paramref name="page"/> exactly as <see cref="ApiResults.Ok"/> writes it, cut just before the
    /// value of <c>meta</c> (its last property): <c>{"success":true,"data":{…},"meta":</c>.
    /// </summary>
    public byte[] Head(LeaderboardPage page)
    {
        var whole = JsonSerializer.SerializeToUtf8Bytes(new ApiResponse(true, page, null, new ApiMeta(default, string.Empty)), _options);
        var at = whole.AsSpan().LastIndexOf(MetaProperty);
        return whole[..(at + MetaProperty.Length)];
    }

    // UTC ticks of the clock (tests run the gateway on a manual one).
    private long Now() => clock.GetUtcNow().UtcTicks;

    private int DropExpired(long now)
    {
        foreach (var (key, entry) in _pages)
        {
            if (entry.ExpiresAt <= now)
            {
                _pages.TryRemove(key, out _);
            }
        }

        return _pages.Count;
    }

    private sealed record Entry(byte[] Head, long ExpiresAt);

    /// <summary>Writes the ready head, this request's <c>meta</c> and the closing brace: 200, JSON.</summary>
    private sealed class ReadyResult(byte[] head) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var meta = JsonSerializer.SerializeToUtf8Bytes(ApiResults.Meta(httpContext), options);
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = head.Length + meta.Length + 1;
            var body = response.BodyWriter;
            body.Write(head);
            body.Write(meta);
            body.Write("}"u8);
            return body.FlushAsync(httpContext.RequestAborted).AsTask();
        }
    }
}
