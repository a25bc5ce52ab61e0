using Hangfire;
using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using LlamaWoolFarm.Workers.Leaderboards.StateMachines;
using LlamaWoolFarm.Workers.Scheduler.Services;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Leaderboards.Tests.Distributed;

/// <summary>
/// The competition-event saga over RabbitMQ, with its start and end kept by the scheduler worker (Hangfire on Redis),
/// and its host restarted between scheduling and delivery: the start reaches the saga's queue while no saga host runs
/// and is handled by the next one. The leaderboards and game modules share a host, the scheduler runs in its own.
/// </summary>
public sealed class CompetitionEventRestartTests
{
    private static readonly EventReward[] Rewards = [new(1, 1, 100), new(2, 2, 10)];

    [Fact]
    public async Task An_event_scheduled_before_its_saga_host_restarts_starts_finishes_and_rewards_exactly_once()
    {
        await using var vhost = await RabbitVirtualHost.CreateAsync();
        var setup = new EventHostSetup(vhost.ConnectionString, TestServers.NewDataFolder(), Guid.NewGuid().ToString("N")[..10]);
        var log = new EventLog();
        var (winner, runnerUp) = (Guid.NewGuid(), Guid.NewGuid());
        try
        {
            await using var scheduler = await EventHost.StartAsync(setup, "scheduler", log);
            var jobs = scheduler.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            DateTimeOffset startsAt;
            DateTimeOffset endsAt;
            Guid eventId;
            await using (var first = await EventHost.StartAsync(setup, "leaderboards,game", log))
            {
                // Far enough ahead that a loaded machine still stops the saga host before the start is due.
                startsAt = DateTimeOffset.UtcNow.AddSeconds(8);
                endsAt = startsAt.AddSeconds(20);
                var created = await first.Bus.CreateRequestClient<CreateCompetitionEvent>().GetResponse<CompetitionEventView, CompetitionEventRefused>(
                    new CreateCompetitionEvent(Guid.NewGuid(), Guid.NewGuid(), null, "Restart cup", CompetitionEventTypes.Competition, startsAt, endsAt, Rewards));
                Assert.True(created.Is(out Response<CompetitionEventView>? view), created.Message.ToString());
                eventId = view!.Message.EventId;
                Assert.True(await log.WaitForAsync(_ => jobs.ScheduledCount() >= 1, TimeSpan.FromSeconds(20)), "The start was never scheduled.");
            }

            Assert.True(DateTimeOffset.UtcNow < startsAt, "The saga host took until the start to stop; the test proves nothing.");
            Assert.Empty(log.Of<CompetitionEventStarted>());
            await Task.Delay(startsAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));

            await using var second = await EventHost.StartAsync(setup, "leaderboards,game", log);
            Assert.True(await log.WaitForAsync(l => l.Of<CompetitionEventStarted>().Any(s => s.EventId == eventId), TimeSpan.FromSeconds(30)), "The event never started.");
            var clicks = await second.Bus.GetSendEndpoint(Queues.For<SubmitClicks>());
            await clicks.Send(new SubmitClicks(Guid.NewGuid(), winner, 100, null));
            await clicks.Send(new SubmitClicks(Guid.NewGuid(), runnerUp, 10, null));
            var clickedAt = DateTimeOffset.UtcNow;

            var done = await log.WaitForAsync(
                l => l.Of<CompetitionEventFinished>().Any(f => f.EventId == eventId) && l.Of<EventRewardGranted>().Select(g => g.PlayerId).Distinct().Count() == 2,
                endsAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60));
            Assert.True(done, $"clicks sent at {clickedAt:O}, event ends at {endsAt:O}; finished: {log.Of<CompetitionEventFinished>().Count}, rewards: {log.Of<EventRewardGranted>().Count}");
            Assert.Equal("Archived", await SagaStateAsync(setup, eventId, "Archived"));
            // Anything handled twice would publish again now.
            await Task.Delay(TimeSpan.FromSeconds(2));

            Assert.Single(log.Of<CompetitionEventStarted>());
            var finished = Assert.Single(log.Of<CompetitionEventFinished>());
            Assert.Equal((2L, 2), (finished.Participants, finished.Rewarded));
            Assert.Equal([(winner, 1L, 100L), (runnerUp, 2L, 10L)], log.Of<EventRewardGranted>().OrderBy(g => g.Rank).Select(g => (g.PlayerId, g.Rank, g.GoldenFleece)));
            var states = second.Bus.CreateRequestClient<GetGameState>();
            Assert.Equal(100, (await states.GetResponse<GameStateView>(new GetGameState(winner))).Message.GoldenFleece);
            Assert.Equal(10, (await states.GetResponse<GameStateView>(new GetGameState(runnerUp))).Message.GoldenFleece);
            // The leaderboards module registered its recurring season close with the scheduler when it started.
            Assert.True(scheduler.Services.GetRequiredService<HangfireScheduler>().IsRecurringActive(SeasonCloseSchedule.ScheduleGroup + "." + SeasonCloseSchedule.ScheduleId));
        }
        finally
        {
            await EventHost.DeleteRedisKeysAsync(setup);
        }
    }

    private static async Task<string?> SagaStateAsync(EventHostSetup setup, Guid eventId, string expected)
    {
        var sagas = new SqliteDocumentStore(Path.Combine(setup.DataPath, "documents.db")).Collection<CompetitionEventState>("saga_competition_event_state");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? state;
        do
        {
            state = (await sagas.GetAsync(eventId.ToString("D")))?.Document.CurrentState;
            if (state == expected)
            {
                return state;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return state;
    }
}
