using LlamaWoolFarm.Contracts.Game;
using LlamaWoolFarm.Domain.Rules;

namespace LlamaWoolFarm.Workers.Game.Tests;

public sealed class OfflineTests
{
    [Fact]
    public async Task Offline_gains_are_reported_then_granted_exactly_once()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        var seeded = await game.SeedAsync(player, s => s.Buildings["barn"] = 10);
        game.Clock.Advance(TimeSpan.FromHours(3));
        var expected = GameEngine.V1.GetOfflineProgress(seeded.Clone(), game.Clock.Now, EffectsTimeline.Empty).Offline!;
        var offline = game.Harness.GetRequestClient<GetOfflineProgress>();

        var pending = (await offline.GetResponse<OfflineProgressView>(new GetOfflineProgress(player))).Message;
        var claim = new ClaimOfflineProgress(Guid.NewGuid(), player, null);
        await game.SendAsync(claim);
        await game.SendAsync(claim);
        await game.SendAsync(new ClaimOfflineProgress(Guid.NewGuid(), player, null));
        var after = (await offline.GetResponse<OfflineProgressView>(new GetOfflineProgress(player))).Message;

        // 3 h away: the first 120 s count as online, the remaining 10,680 s at 80 % efficiency.
        Assert.True(pending.Pending);
        Assert.Equal((10680d, 10680d, 0.8, false), (pending.OfflineSeconds, pending.CappedSeconds, pending.Efficiency, pending.BonusApplied));
        Assert.Equal(expected.WoolEarned.ToDictionary(p => p.Key, p => p.Value.ToString()), pending.WoolEarned);
        var granted = game.Published<OfflineProgressGranted>();
        Assert.Equal(2, granted.Count);
        Assert.All(granted, g => Assert.Equal((claim.CommandId, true), (g.CommandId, g.Claimed)));
        Assert.Equal(pending.WoolEarned, granted[0].WoolEarned);
        Assert.Equal("NO_OFFLINE_PROGRESS", Assert.Single(game.Published<ActionRejected>()).Code);
        Assert.False(after.Pending);
        var state = await game.StateAsync(player);
        Assert.Equal(1, state.Revision);
        Assert.Null(state.OfflinePending);
        Assert.Equal(game.Applied()[0].Changes["basic"], pending.WoolEarned["basic"]);
    }

    [Fact]
    public async Task A_claim_with_nothing_pending_is_refused()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.Buildings["barn"] = 1);
        game.Clock.Advance(TimeSpan.FromSeconds(60));

        await game.SendAsync(new ClaimOfflineProgress(Guid.NewGuid(), player, null));

        var rejected = Assert.Single(game.Published<ActionRejected>());
        Assert.Equal(("NO_OFFLINE_PROGRESS", "claimOfflineProgress"), (rejected.Code, rejected.ActionType));
        Assert.Equal(0, (await game.StateAsync(player)).Revision);
    }

    [Fact]
    public async Task An_unclaimed_absence_is_granted_automatically_once_when_the_next_absence_begins()
    {
        await using var game = await GameWorkerFixture.StartAsync();
        var player = Guid.NewGuid();
        await game.SeedAsync(player, s => s.Buildings["barn"] = 10);
        game.Clock.Advance(TimeSpan.FromHours(2));
        await game.SendAsync(new SubmitClicks(Guid.NewGuid(), player, 1, null));
        var firstAbsence = (await game.StateAsync(player)).OfflinePending!;
        game.Clock.Advance(TimeSpan.FromHours(2));
        var second = new SubmitClicks(Guid.NewGuid(), player, 1, null);

        await game.SendAsync(second);
        await game.SendAsync(second);

        var granted = game.Published<OfflineProgressGranted>();
        Assert.Equal(2, granted.Count);
        Assert.All(granted, g => Assert.Equal((second.CommandId, false), (g.CommandId, g.Claimed)));
        Assert.Equal(firstAbsence.WoolEarned, granted[0].WoolEarned);
        var state = await game.StateAsync(player);
        Assert.Equal(2, state.Revision);
        // The second absence waits for its own claim.
        Assert.NotNull(state.OfflinePending);
        Assert.Equal(7080d, state.OfflinePending.OfflineSeconds);
    }
}
