using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Workers.Saves.Services;
using static LlamaWoolFarm.Workers.Saves.Tests.SavesFixture;

namespace LlamaWoolFarm.Workers.Saves.Tests;

/// <summary>Uploads are bounded with the effects of the events of their window (GAME_RULES §9–10).</summary>
public sealed class EventWindowTests
{
    [Fact]
    public async Task A_save_with_double_production_during_double_wool_is_refused_without_the_event_and_accepted_with_it()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var current = await saves.CurrentAsync(player);
        var startedAt = saves.Clock.Now;
        saves.Clock.Advance(TimeSpan.FromMinutes(1));
        // 60 s at 1/s and 20 clicks a second, all doubled: 120 + 2400. The plain bound is 1.1 × 60 + 20 × 60 = 1266;
        // with double_wool it is 2532.
        var doubled = Played(current, 2500);

        var refused = (await saves.SendAsync(Upload(player, 0, doubled))).Rejected!;
        await saves.StartEventAsync(new CompetitionEventStarted(Guid.NewGuid(), CompetitionEventTypes.DoubleWool, startedAt, startedAt.AddHours(1)));
        var accepted = (await saves.SendAsync(Upload(player, 0, doubled))).Accepted;

        Assert.Contains(refused.Rules, r => r.Rule == SaveRules.ProductionExceedsBound && r.Subject == "basic");
        Assert.NotNull(accepted);
        Assert.Equal("2500", Basic(await saves.StateAsync(player)));
    }

    [Fact]
    public async Task An_event_that_ended_before_the_base_does_not_loosen_the_bound()
    {
        await using var saves = await SavesFixture.StartAsync();
        var player = Guid.NewGuid();
        var ended = saves.Clock.Now;
        await saves.StartEventAsync(new CompetitionEventStarted(Guid.NewGuid(), CompetitionEventTypes.DoubleWool, ended.AddHours(-1), ended.AddMinutes(-1)));
        var current = await saves.CurrentAsync(player);
        saves.Clock.Advance(TimeSpan.FromMinutes(1));

        var refused = (await saves.SendAsync(Upload(player, 0, Played(current, 2500)))).Rejected;

        Assert.NotNull(refused);
    }

    [Fact]
    public async Task Another_replica_reads_the_windows_from_the_store()
    {
        await using var saves = await SavesFixture.StartAsync();
        var at = saves.Clock.Now;
        await saves.StartEventAsync(new CompetitionEventStarted(Guid.NewGuid(), CompetitionEventTypes.BuildingSale, at, at.AddHours(1)));
        await saves.StartEventAsync(new CompetitionEventStarted(Guid.NewGuid(), CompetitionEventTypes.Competition, at, at.AddHours(1)));

        var replica = await new SaveEventWindows(saves.Store).GetAsync(default);

        Assert.Equal(0.75, replica.At(at.AddMinutes(30)).BuildingPriceMultiplier);
        Assert.Equal(1, replica.Count);
    }
}
