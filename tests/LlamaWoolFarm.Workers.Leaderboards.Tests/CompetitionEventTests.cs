using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Contracts.Leaderboards;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Leaderboards.Services;
using LlamaWoolFarm.Workers.Leaderboards.StateMachines;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlamaWoolFarm.Workers.Leaderboards.Tests;

/// <summary>The competition-event saga on the harness, with the in-memory delayed scheduler standing in for the scheduler worker.</summary>
public sealed class CompetitionEventTests
{
    private static readonly EventReward[] Rewards = [new(1, 1, 100), new(2, 3, 10)];

    [Fact]
    public async Task An_event_runs_ranks_wool_made_in_its_window_rewards_once_and_is_archived()
    {
        await using var provider = await StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var service = provider.GetRequiredService<LeaderboardService>();
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(1);
        var (winner, second, outsider) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Before the event: the outsider has far more lifetime wool, which must not count.
        await service.ApplyAsync([Scores(outsider, 1, "1e30", startsAt.AddMinutes(-5)), Scores(winner, 1, "100", startsAt.AddMinutes(-5)), Scores(second, 1, "100", startsAt.AddMinutes(-5))], harness.Bus, default);

        var created = await CreateAsync(harness, "Harvest cup", CompetitionEventTypes.Competition, startsAt, startsAt.AddSeconds(2));
        var view = Assert.IsType<CompetitionEventView>(created);
        Assert.True(await harness.PublishedWithinAsync<CompetitionEventStarted>(m => m.EventId == view.EventId));
        await service.ApplyAsync([Scores(winner, 2, "5100", startsAt.AddSeconds(0.5)), Scores(second, 2, "1100", startsAt.AddSeconds(0.5)), Scores(outsider, 2, "1.0000000000000000000000000002e30", startsAt.AddSeconds(0.6))], harness.Bus, default);

        // The end is a scheduled message 2 s away: poll to a deadline, since the harness's inactivity window is shorter.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !harness.Published.Select<CompetitionEventFinished>().Any(m => m.Context.Message.EventId == view.EventId))
        {
            await Task.Delay(50);
        }

        Assert.True(
            harness.Published.Select<CompetitionEventFinished>().Any(m => m.Context.Message.EventId == view.EventId),
            string.Join("; ", harness.Published.Select<Fault>().Select(f => string.Join(",", f.Context.Message.Exceptions.Select(e => e.Message + " / " + e.InnerException?.Message + " " + e.InnerException?.StackTrace)))) + " | consumed: " + string.Join(",", harness.Consumed.Select(_ => true).Select(c => c.MessageType.Name)) + " | sent: " + string.Join(",", harness.Sent.Select(_ => true).Select(c => c.MessageType.Name)));
        await harness.InactivityTask;

        var grants = harness.Sent.Select<GrantEventReward>(m => m.Context.Message.EventId == view.EventId).Select(m => m.Context.Message).ToList();
        Assert.Equal([(winner, 1L, 100L), (second, 2L, 10L), (outsider, 3L, 10L)], grants.OrderBy(g => g.Rank).Select(g => (g.PlayerId, g.Rank, g.GoldenFleece)));
        Assert.All(grants, g => Assert.Equal(CompetitionEventService.RewardCommandId(view.EventId, g.PlayerId), g.CommandId));
        var page = Assert.IsType<LeaderboardPage>(await provider.GetRequiredService<CompetitionEventService>().GetLeaderboardAsync(new GetEventLeaderboard(winner, view.EventId, 0, 10), default));
        Assert.True(page.Final);
        Assert.Equal("5000", page.Entries[0].Score);
        Assert.True(await harness.PublishedWithinAsync<EventResultsReady>(m => m.PlayerId == outsider && m.Rank == 3 && m.Score == "200"));
        // The saga waits for the game worker to confirm every reward, each rank once however often it is confirmed.
        Assert.Equal("Rewarding", await SagaStateAsync(provider, view.EventId, "Rewarding"));
        foreach (var grant in grants.Take(2).Append(grants[0]))
        {
            await harness.Bus.Publish(new EventRewardGranted(view.EventId, grant.PlayerId, grant.CommandId, grant.Rank, grant.GoldenFleece, grant.GoldenFleece, DateTimeOffset.UtcNow));
        }

        await harness.InactivityTask;
        Assert.Equal("Rewarding", await SagaStateAsync(provider, view.EventId, "Rewarding"));
        var last = grants[2];
        await harness.Bus.Publish(new EventRewardGranted(view.EventId, last.PlayerId, last.CommandId, last.Rank, last.GoldenFleece, last.GoldenFleece, DateTimeOffset.UtcNow));
        Assert.Equal("Archived", await SagaStateAsync(provider, view.EventId, "Archived"));

        // Finalizing again (a redelivery) sends the same command ids, which the game worker applies once.
        await provider.GetRequiredService<CompetitionEventService>().FinalizeAsync(view.EventId, harness.Bus, harness.Bus, default);
        await harness.InactivityTask;
        var again = harness.Sent.Select<GrantEventReward>(m => m.Context.Message.EventId == view.EventId).Select(m => m.Context.Message.CommandId).ToList();
        Assert.Equal(grants.Count * 2, again.Count);
        Assert.Equal(grants.Count, again.Distinct().Count());
    }

    [Fact]
    public async Task An_event_without_rewards_is_archived_once_ranked()
    {
        await using var provider = await StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(1);

        var view = Assert.IsType<CompetitionEventView>(await CreateAsync(harness, "Quiet weekend", CompetitionEventTypes.DoubleWool, startsAt, startsAt.AddSeconds(1), []));

        Assert.Equal("Archived", await SagaStateAsync(provider, view.EventId, "Archived"));
        Assert.Empty(harness.Sent.Select<GrantEventReward>());
        var finished = Assert.Single(harness.Published.Select<CompetitionEventFinished>()).Context.Message;
        Assert.Equal((0L, 0), (finished.Participants, finished.Rewarded));
    }

    [Fact]
    public void A_rank_is_counted_once_and_the_tally_completes_only_after_the_final_report()
    {
        var saga = new CompetitionEventState();

        Assert.True(RewardTally.Count(saga, 1));
        Assert.False(RewardTally.Count(saga, 1));
        Assert.True(RewardTally.Count(saga, 10_000));
        Assert.False(RewardTally.Count(saga, 0));
        Assert.False(RewardTally.Complete(saga));
        saga.RewardsSent = 3;
        Assert.False(RewardTally.Complete(saga));
        Assert.True(RewardTally.Count(saga, 9));
        Assert.True(RewardTally.Complete(saga));
        Assert.Equal(3, saga.RewardsGranted);
        Assert.Equal(1250, saga.GrantedRanks!.Length);
    }

    [Fact]
    public async Task An_event_ending_before_it_starts_is_refused_and_nothing_is_stored()
    {
        await using var provider = await StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var start = DateTimeOffset.UtcNow.AddDays(1);

        var refused = Assert.IsType<CompetitionEventRefused>(await CreateAsync(harness, "Backwards", CompetitionEventTypes.DoubleWool, start, start.AddHours(-1)));
        var active = await provider.GetRequiredService<CompetitionEventService>().GetActiveAsync(default);

        Assert.Equal(LeaderboardErrorCodes.InvalidEvent, refused.Code);
        Assert.Empty(active.Upcoming);
        Assert.False(await harness.Published.Any<CompetitionEventCreated>());
    }

    [Fact]
    public async Task An_overlapping_event_of_the_same_type_is_refused_but_another_type_may_overlap()
    {
        await using var provider = await StartAsync();
        var harness = provider.GetRequiredService<ITestHarness>();
        var start = DateTimeOffset.UtcNow.AddDays(1);
        Assert.IsType<CompetitionEventView>(await CreateAsync(harness, "Double 1", CompetitionEventTypes.DoubleWool, start, start.AddHours(2)));

        var clash = Assert.IsType<CompetitionEventRefused>(await CreateAsync(harness, "Double 2", CompetitionEventTypes.DoubleWool, start.AddHours(1), start.AddHours(3)));
        var other = await CreateAsync(harness, "Sale", CompetitionEventTypes.BuildingSale, start.AddHours(1), start.AddHours(3));
        var after = await CreateAsync(harness, "Double 3", CompetitionEventTypes.DoubleWool, start.AddHours(2), start.AddHours(3));

        Assert.Equal(LeaderboardErrorCodes.OverlappingEvent, clash.Code);
        Assert.IsType<CompetitionEventView>(other);
        Assert.IsType<CompetitionEventView>(after);
        Assert.Equal(3, (await provider.GetRequiredService<CompetitionEventService>().GetActiveAsync(default)).Upcoming.Count);
    }

    [Fact]
    public async Task An_unknown_event_has_no_leaderboard()
    {
        await using var provider = await StartAsync();

        var answer = await provider.GetRequiredService<CompetitionEventService>().GetLeaderboardAsync(new GetEventLeaderboard(Guid.NewGuid(), Guid.NewGuid(), 0, 10), default);

        Assert.Equal(LeaderboardErrorCodes.UnknownEvent, Assert.IsType<LeaderboardNotFound>(answer).Code);
    }

    private static Contracts.Game.ScoresChanged Scores(Guid player, long revision, string wool, DateTimeOffset at) =>
        new(player, revision, wool, wool, 0, 0, "1", at);

    private static async Task<object> CreateAsync(ITestHarness harness, string name, string type, DateTimeOffset startsAt, DateTimeOffset endsAt, EventReward[]? rewards = null)
    {
        var response = await harness.GetRequestClient<CreateCompetitionEvent>().GetResponse<CompetitionEventView, CompetitionEventRefused>(
            new CreateCompetitionEvent(Guid.NewGuid(), Guid.NewGuid(), null, name, type, startsAt, endsAt, rewards ?? Rewards));
        return response.Message;
    }

    /// <summary>The saga's state once it is <paramref name="expected"/>, or whatever it is at the deadline.</summary>
    private static async Task<string?> SagaStateAsync(IServiceProvider provider, Guid eventId, string expected)
    {
        var sagas = provider.GetRequiredService<IDocumentStore>().Collection<CompetitionEventState>("saga_competition_event_state");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? state;
        do
        {
            state = (await sagas.GetAsync(eventId.ToString("D")))?.Document.CurrentState;
            if (state == expected)
            {
                return state;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return state;
    }

    // The saga's start and end are delayed messages on the real clock, not the manual one.
    private static Task<ServiceProvider> StartAsync() => TestBus.StartAsync(
        services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(TimeProvider.System);
            LeaderboardsWorker.AddCore(services);
        },
        x =>
        {
            x.AddDelayedMessageScheduler();
            LeaderboardsWorker.AddConsumers(x);
        },
        cfg => cfg.UseDelayedMessageScheduler());
}
