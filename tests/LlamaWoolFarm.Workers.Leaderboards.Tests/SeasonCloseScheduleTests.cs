using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using MassTransit.Scheduling;

namespace LlamaWoolFarm.Workers.Leaderboards.Tests;

/// <summary>The recurring season close: registered with the scheduler worker, closing by the worker's clock.</summary>
public sealed class SeasonCloseScheduleTests
{
    [Fact]
    public async Task The_season_close_is_sent_to_the_scheduler_as_a_daily_recurring_schedule()
    {
        await using var f = await LeaderboardsFixture.StartAsync();

        await SeasonCloseSchedule.RegisterAsync(f.Provider, SeasonCloseOptions.DailyCron, default);

        Assert.True(await f.Harness.Sent.Any<ScheduleRecurringMessage>());
        var sent = f.Harness.Sent.Select<ScheduleRecurringMessage>().Single();
        Assert.Equal(MessageSchedulerEndpoint.DefaultQueue, sent.Context.DestinationAddress!.AbsolutePath.TrimStart('/'));
        Assert.Equal((SeasonCloseSchedule.ScheduleGroup, SeasonCloseSchedule.ScheduleId), (sent.Context.Message.Schedule.ScheduleGroup, sent.Context.Message.Schedule.ScheduleId));
        Assert.Equal("0 5 0 * * ?", sent.Context.Message.Schedule.CronExpression);
        Assert.Equal("UTC", sent.Context.Message.Schedule.TimeZoneId);
        Assert.EndsWith("close-leaderboard-seasons", sent.Context.Message.Destination.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recurring_close_carrying_its_registration_time_closes_by_the_workers_clock()
    {
        await using var f = await LeaderboardsFixture.StartAsync();
        var player = Guid.NewGuid();
        await f.ApplyAsync(LeaderboardsFixture.Scores(player, 1, "300", new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)));
        f.Clock.Now = new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero);
        var endpoint = await f.Harness.Bus.GetSendEndpoint(Queues.For<CloseLeaderboardSeasons>());

        // The body a recurring schedule stored weeks ago: its At would close seasons long gone.
        await endpoint.Send(new CloseLeaderboardSeasons(Guid.Empty, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.True(await f.Harness.Published.Any<LeaderboardSeasonClosed>(m => m.Context.Message.Period == "monthly" && m.Context.Message.Season == "2026-11"));
        Assert.True(await f.Harness.Published.Any<LeaderboardSeasonClosed>(m => m.Context.Message.Period == "weekly" && m.Context.Message.Season == "2026-W48"));
        Assert.False(await f.Harness.Published.Any<LeaderboardSeasonClosed>(m => m.Context.Message.Season == "2026-09"));
    }

    [Theory]
    [InlineData("0 5 0 * * ?", true)]
    [InlineData("*/5 * * * *", true)]
    [InlineData("daily", false)]
    [InlineData("", false)]
    public void The_cron_setting_is_checked_at_start(string cron, bool valid)
    {
        Assert.Equal(valid, new SeasonCloseOptions { Cron = cron }.Validate().Count == 0);
    }
}
