using System.Collections.Concurrent;
using LlamaWoolFarm.Contracts.Moderation;
using LlamaWoolFarm.ServiceDefaults.Auth;
using MassTransit;
using LlamaWoolFarm.ServiceDefaults.Hosting;

namespace LlamaWoolFarm.Gateway.Operations;

/// <summary>
/// Coalesces this instance's 429 refusals of signed-in players: a count per player and offence window (aligned to the
/// clock, <c>Moderation:OffenceWindowSeconds</c>, default 60), published as one
/// <see cref="RateLimitOffencesObserved"/> per player when the window ends — never one message per refused request.
/// Refusals of callers without a token are not counted: an address is not a player to review.
/// </summary>
public sealed class RateLimitOffences(TimeProvider clock, ModerationOptions options)
{
    private readonly ConcurrentDictionary<(Guid Player, long Window), int> _counts = new();

    /// <summary>The offence window.</summary>
    public TimeSpan Window { get; } = TimeSpan.FromSeconds(options.OffenceWindowSeconds);

    /// <summary>Which instance observed the offences.</summary>
    public string Source { get; } = $"gateway:{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Counts one refused request of <paramref name="player"/>.</summary>
    public void Count(Guid player) => _counts.AddOrUpdate((player, WindowOf(clock.GetUtcNow())), 1, (_, n) => n + 1);

    /// <summary>The counts of windows that have ended (or all, at shutdown), removed from the tally.</summary>
    public IReadOnlyList<(Guid Player, DateTimeOffset Start, int Count)> TakeEnded(bool all = false)
    {
        var current = WindowOf(clock.GetUtcNow());
        var ended = new List<(Guid, DateTimeOffset, int)>();
        foreach (var key in _counts.Keys.Where(k => all || k.Window < current).ToList())
        {
            if (_counts.TryRemove(key, out var count))
            {
                ended.Add((key.Player, new DateTimeOffset(key.Window * Window.Ticks, TimeSpan.Zero), count));
            }
        }

        return ended;
    }

    private long WindowOf(DateTimeOffset at) => at.UtcTicks / Window.Ticks;
}

/// <summary>Publishes the ended windows of <see cref="RateLimitOffences"/> a few times per window, and what is left at shutdown.</summary>
public sealed class RateLimitOffencesFlusher(RateLimitOffences offences, IBus bus, Microsoft.Extensions.Options.IOptions<Api.RateLimitOptions> limits, ILogger<RateLimitOffencesFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(250).Ticks, offences.Window.Ticks / 4));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PublishAsync(offences.TakeEnded(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await PublishAsync(offences.TakeEnded(all: true), shutdown.Token);
    }

    private async Task PublishAsync(IReadOnlyList<(Guid Player, DateTimeOffset Start, int Count)> ended, CancellationToken cancellationToken)
    {
        foreach (var (player, start, count) in ended)
        {
            try
            {
                await bus.Publish(new RateLimitOffencesObserved(player, start, start + offences.Window, count, "RATE_LIMITED", limits.Value.PerPlayer, offences.Source), cancellationToken);
            }
            catch (Exception error) when (!error.IsCancellationOf(cancellationToken))
            {
                logger.LogWarning(error, "The rate-limit offences of {PlayerId} could not be published.", player);
            }
        }
    }
}
