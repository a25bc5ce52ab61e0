using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Gateway.Backpressure;
using LlamaWoolFarm.ServiceDefaults.Messaging.Backpressure;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>The backpressure gate of the command endpoints, fed with game worker reports by hand.</summary>
public sealed class BackpressureTests : IClassFixture<GuestGatewayFactory>
{
    private readonly GuestGatewayFactory _factory;

    public BackpressureTests(GuestGatewayFactory factory) => _factory = factory;

    [Fact]
    public async Task Over_the_bound_a_command_is_refused_503_OVERLOADED_with_Retry_After_and_its_key_stays_free_for_the_retry()
    {
        var backlog = _factory.Services.GetRequiredService<CommandBacklog>();
        var (client, _) = _factory.Player();
        // 1,000 commands at 100/s: 10 s of work, over the default 5-s bound.
        backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 1_000, 0, 100, DateTimeOffset.UtcNow));

        using (var shed = await PostClickAsync(client, "bp-key"))
        {
            var error = await shed.ErrorAsync(HttpStatusCode.ServiceUnavailable, "OVERLOADED");
            Assert.Equal(TimeSpan.FromSeconds(5), shed.Headers.RetryAfter?.Delta);
            Assert.Equal("5", error.GetProperty("details").GetProperty("retryAfterSeconds")[0].GetString());
        }

        using (var claim = await client.PostAsync("/api/v1/game/offline/claim", null))
        {
            await claim.ErrorAsync(HttpStatusCode.ServiceUnavailable, "OVERLOADED");
        }

        Assert.False(await _factory.Harness.Sent.Any<ClaimOfflineProgress>(), "A shed claim was sent.");

        // The workers caught up: the same key is accepted and sent, once.
        backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 0, 0, 100, DateTimeOffset.UtcNow));
        using var accepted = await PostClickAsync(client, "bp-key");
        var commandId = (await accepted.DataAsync(HttpStatusCode.Accepted)).GetProperty("commandId").GetGuid();
        Assert.True(await _factory.Harness.Sent.Any<SubmitClicks>(s => s.Context.Message.CommandId == commandId));
    }

    [Fact]
    public async Task Reads_are_never_shed()
    {
        var backlog = _factory.Services.GetRequiredService<CommandBacklog>();
        var (client, _) = _factory.Player();
        backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 1_000, 0, 100, DateTimeOffset.UtcNow));
        try
        {
            using var state = await client.GetAsync("/api/v1/game/state");
            await state.DataAsync(HttpStatusCode.OK);
        }
        finally
        {
            backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 0, 0, 100, DateTimeOffset.UtcNow));
        }
    }

    private static Task<HttpResponseMessage> PostClickAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}

/// <summary>The estimate behind the gate: depth over rate, extrapolated between reports, forgotten when stale.</summary>
public sealed class CommandBacklogTests
{
    private readonly StepClock _clock = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void The_backlog_is_the_depth_over_the_summed_rates_of_the_workers()
    {
        var backlog = New(maxSeconds: 5);
        backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 300, 20, 50, _clock.GetUtcNow()));
        backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 300, 30, 50, _clock.GetUtcNow().AddMilliseconds(1)));

        // (300 waiting, the newest look, + 50 in flight) ÷ 100/s.
        Assert.Equal(3.5, backlog.Estimate().Seconds, 3);
        Assert.False(backlog.Decide().Shed);
    }

    [Fact]
    public void Between_reports_accepted_commands_add_and_elapsed_time_drains()
    {
        var backlog = New(maxSeconds: 5);
        backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 400, 0, 100, _clock.GetUtcNow()));
        for (var i = 0; i < 150; i++)
        {
            backlog.Admitted();
        }

        var decision = backlog.Decide();
        Assert.True(decision.Shed);
        Assert.Equal(5.5, decision.BacklogSeconds, 3);
        Assert.Equal(1, decision.RetryAfterSeconds);

        // Answered: accepted ones still count until the next report, refused ones no longer.
        for (var i = 0; i < 150; i++)
        {
            backlog.Finished(accepted: i < 100);
        }

        Assert.Equal(5, backlog.Estimate().Seconds, 3);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, backlog.Estimate().Seconds, 3);
        Assert.False(backlog.Decide().Shed);
    }

    [Fact]
    public void Without_a_fresh_report_a_rate_or_enough_depth_nothing_is_shed()
    {
        var backlog = New(maxSeconds: 1, minimumBacklog: 100);
        var worker = Guid.NewGuid();
        Assert.False(backlog.Decide().Shed);

        // Below the minimum depth: a cold worker's low first rate does not shed.
        backlog.Report(new CommandBacklogReported(worker, 90, 0, 10, _clock.GetUtcNow()));
        Assert.False(backlog.Decide().Shed);

        // No rate measured yet: no backlog can be told.
        backlog.Report(new CommandBacklogReported(worker, 10_000, 0, 0, _clock.GetUtcNow()));
        Assert.False(backlog.Decide().Shed);

        backlog.Report(new CommandBacklogReported(worker, 10_000, 0, 10, _clock.GetUtcNow()));
        Assert.True(backlog.Decide().Shed);
        _clock.Advance(CommandBacklog.StaleAfter + TimeSpan.FromMilliseconds(1));
        Assert.False(backlog.Decide().Shed);
    }

    [Fact]
    public void Disabled_it_never_sheds()
    {
        var backlog = New(maxSeconds: 1, enabled: false);
        backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 10_000, 0, 10, _clock.GetUtcNow()));

        Assert.False(backlog.Decide().Shed);
        Assert.Equal(1_000, backlog.Estimate().Seconds, 3);
    }

    [Fact]
    public void Shed_commands_and_the_backlog_are_measured()
    {
        var backlog = New(maxSeconds: 1);
        using var listener = new MeterListener();
        long shed = 0;
        double seconds = -1;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "lwf.backpressure.shed" or "lwf.backpressure.backlog")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => shed += value);
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => seconds = value);
        listener.Start();

        backlog.Report(new CommandBacklogReported(Guid.NewGuid(), 1_000, 0, 100, _clock.GetUtcNow()));
        backlog.Decide();
        backlog.Decide();
        listener.RecordObservableInstruments();

        Assert.Equal(2, shed);
        Assert.Equal(10, seconds, 3);
    }

    private CommandBacklog New(double maxSeconds, long minimumBacklog = 0, bool enabled = true) =>
        new(new BackpressureOptions { MaxBacklogSeconds = maxSeconds, MinimumBacklog = minimumBacklog, Enabled = enabled }, _clock, _services.GetRequiredService<IMeterFactory>());

    // Timestamps and wall clock that move only when told (ManualClock moves the wall clock only).
    private sealed class StepClock : TimeProvider
    {
        private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override DateTimeOffset GetUtcNow() => Start.AddTicks(_ticks);

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}

/// <summary>The game worker's side: commands in flight, the apply rate while busy, and the capacity drill's pacing.</summary>
public sealed class CommandFlowTests
{
    [Fact]
    public async Task Paced_commands_run_at_the_cap_and_the_rate_is_measured_over_busy_time_only()
    {
        var flow = new CommandFlow();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            flow.Taken();
            Assert.Equal(1, flow.InFlight);
            await flow.PaceAsync(40, CancellationToken.None);
            flow.Finished();
        }

        // 50 turns 25 ms apart: never faster than the cap.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(49 * 25 * 0.95), $"50 paced commands took {clock.Elapsed}.");
        Assert.Equal(0, flow.InFlight);

        // A second of idleness later the rate is still the busy rate, not diluted by the idle half seconds.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.InRange(flow.AppliedPerSecond(), 15, 41);
    }

    [Fact]
    public void Without_completions_no_rate_is_told() => Assert.Equal(0, new CommandFlow().AppliedPerSecond());
}
