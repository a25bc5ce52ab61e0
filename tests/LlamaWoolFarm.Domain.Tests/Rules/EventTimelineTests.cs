using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Rules;

/// <summary>Production across an event's start or end counts each stretch at its own rate (GAME_RULES §4, §7, §9).</summary>
public class EventTimelineTests
{
    private const string DoubleWool = "double_wool";
    private const string AutumnHarvest = "autumn_harvest";
    private const string BuildingSale = "building_sale";
    private const string Competition = "competition";
    private const double Hour = 3600;
    private const double Grace = 120;

    // The online grace produces the first wool, so first_wool (×1.02) is already unlocked at departure.
    private const double FirstWool = 1.02;

    [Fact]
    public void Online_seconds_before_double_wool_count_once_and_after_its_start_twice()
    {
        // Rate r = 1 (starting llama) + 2 barns × 0.5 = 2/s; double_wool starts 40 s into a 100 s online gap.
        var state = NewPlayer().With("barn", 2);
        var timeline = Timeline(Event(DoubleWool, T0.AddSeconds(40), T0.AddHours(1)));

        var result = Engine.Materialize(state, T0.AddSeconds(100), timeline);

        Close((40 * 2) + (60 * 4), result.Accrued["basic"]);
        Close(320, state.Wool("basic"));
        Close(320, state.LifetimeWoolProduced);
        Assert.Equal(100, state.PlayTimeSeconds, 9);
    }

    [Fact]
    public void An_event_that_starts_and_ends_inside_the_gap_counts_only_for_its_own_seconds()
    {
        // 20 s at 2/s, 30 s of double_wool at 4/s, 50 s at 2/s.
        var state = NewPlayer().With("barn", 2);
        var timeline = Timeline(Event(DoubleWool, T0.AddSeconds(20), T0.AddSeconds(50)));

        Engine.Materialize(state, T0.AddSeconds(100), timeline);

        Close((20 * 2) + (30 * 4) + (50 * 2), state.Wool("basic"));
    }

    [Fact]
    public void The_online_grace_is_cut_by_the_event_and_the_offline_rest_follows_its_own_stretches()
    {
        // double_wool runs from 60 s to 1 h: online 60 s × 1 + 60 s × 2, then offline 1 h − 120 s at 2 × 1.02 × 0.8
        // and 1 h at 1.02 × 0.8.
        var state = NewPlayer();
        var timeline = Timeline(Event(DoubleWool, T0.AddSeconds(60), T0.AddHours(1)));

        var offline = Engine.GetOfflineProgress(state, T0.AddHours(2), timeline);

        Close(60 + 120, offline.Accrued["basic"]);
        Close(FirstWool * 0.8 * (((Hour - Grace) * 2) + Hour), offline.Offline!.WoolEarned["basic"]);
        Assert.Equal((2 * Hour) - Grace, offline.Offline.CappedSeconds, 6);
        Assert.Equal(0.8, offline.Offline.Efficiency, 12);
    }

    [Fact]
    public void An_absence_crossing_the_end_of_autumn_harvest_earns_its_bonus_only_before_the_end()
    {
        // Offline from 120 s for 10 h; autumn_harvest (+0.2 efficiency) ends 4 h into the absence.
        var state = NewPlayer();
        var timeline = Timeline(Event(AutumnHarvest, T0.AddHours(-1), T0.AddSeconds(Grace + (4 * Hour))));

        var offline = Engine.GetOfflineProgress(state, T0.AddSeconds(Grace + (10 * Hour)), timeline).Offline!;

        Close(FirstWool * ((4 * Hour * 1.0) + (6 * Hour * 0.8)), offline.WoolEarned["basic"]);
        Assert.Equal(10 * Hour, offline.CappedSeconds, 6);
        // The reported efficiency is the mean over the capped seconds.
        Assert.Equal(((4 * 1.0) + (6 * 0.8)) / 10, offline.Efficiency, 9);
        Assert.False(offline.BonusApplied);
    }

    [Fact]
    public void The_cap_counts_from_the_start_of_the_absence_so_an_event_after_the_capped_seconds_earns_nothing()
    {
        // 30 h away, cap 24 h: double_wool from hour 20 to 28 of the absence doubles 4 capped hours; a second one
        // from hour 25 to 29 lies wholly after the cap. The welcome-back bonus applies to the whole as before.
        var state = NewPlayer();
        var start = T0.AddSeconds(Grace);
        var timeline = Timeline(
            Event(DoubleWool, start.AddHours(20), start.AddHours(28)),
            Event(AutumnHarvest, start.AddHours(25), start.AddHours(29)));

        var offline = Engine.GetOfflineProgress(state, start.AddHours(30), timeline).Offline!;

        Close(FirstWool * 0.8 * ((20 * Hour) + (4 * Hour * 2)) * 1.1, offline.WoolEarned["basic"]);
        Assert.Equal(24 * Hour, offline.CappedSeconds, 6);
        Assert.True(offline.BonusApplied);
    }

    [Fact]
    public void Materializing_an_absence_twice_gives_the_same_grant_as_once()
    {
        var timeline = Timeline(Event(DoubleWool, T0.AddHours(3), T0.AddHours(7)));
        var once = NewPlayer();
        var twice = NewPlayer();

        Engine.Materialize(once, T0.AddHours(10), timeline);
        Engine.Materialize(twice, T0.AddHours(5), timeline);
        Engine.Materialize(twice, T0.AddHours(10), timeline);

        Assert.Equal(once.PendingOffline!.OfflineSeconds, twice.PendingOffline!.OfflineSeconds, 6);
        Close(once.PendingOffline.WoolEarned["basic"].ToDouble(), twice.PendingOffline.WoolEarned["basic"]);
        Close(FirstWool * 0.8 * (((10 * Hour) - Grace) + (4 * Hour)), once.PendingOffline.WoolEarned["basic"]);
    }

    [Fact]
    public void Without_events_in_the_interval_every_number_is_exactly_the_single_rate_one()
    {
        var elsewhere = Timeline(
            Event(DoubleWool, T0.AddDays(-3), T0.AddDays(-2)),
            Event(AutumnHarvest, T0.AddDays(5), T0.AddDays(6)),
            Event(Competition, T0, T0.AddDays(1)));
        foreach (var now in new[] { T0.AddSeconds(77.3), T0.AddHours(13.7), T0.AddHours(40) })
        {
            var single = Grown();
            var empty = Grown();
            var around = Grown();

            var expected = Engine.Materialize(single, now, EffectsTimeline.Empty);
            Engine.Materialize(empty, now, EffectsTimeline.Empty);
            Engine.Materialize(around, now, elsewhere);

            Assert.Equal(Json(single), Json(empty));
            Assert.Equal(Json(single), Json(around));
            Assert.Equal(expected.Accrued, Engine.Materialize(Grown(), now, elsewhere).Accrued);
        }
    }

    [Fact]
    public void The_action_itself_uses_the_effects_at_the_moment_of_the_command()
    {
        // double_wool ended at 60 s: the clicks at 100 s are worth 1 each; the gap accrued 60 s × 2 + 40 s × 1.
        var clicks = NewPlayer();
        var ended = Timeline(Event(DoubleWool, T0.AddHours(-1), T0.AddSeconds(60)));
        var clicked = Engine.ApplyClicks(clicks, 20, T0.AddSeconds(100), ended);
        Close(120 + 40, clicked.Accrued["basic"]);
        Close(20 * FirstWool, clicked.Gained["basic"]);

        // building_sale starts at 50 s: production is untouched and the barn bought at 100 s costs 10 × 0.75.
        var buyer = NewPlayer();
        var sale = Timeline(Event(BuildingSale, T0.AddSeconds(50), T0.AddHours(1)));
        var bought = Engine.PurchaseBuilding(buyer, "barn", 1, T0.AddSeconds(100), sale);
        Close(100, bought.Accrued["basic"]);
        Close(7.5, bought.Spent["basic"]);
    }

    [Fact]
    public void Pieces_cover_an_interval_exactly_and_overlapping_events_combine()
    {
        var t = T0;
        var timeline = Timeline(
            Event(DoubleWool, t, t.AddHours(2)),
            Event(BuildingSale, t.AddHours(1), t.AddHours(3)),
            Event(Competition, t, t.AddHours(4)),
            Event("meteor_shower", t, t.AddHours(4)));

        Assert.Same(ActiveEffects.None, timeline.At(t.AddTicks(-1)));
        Assert.Equal((2, 1), Pair(timeline.At(t)));
        Assert.Equal((2, 0.75), Pair(timeline.At(t.AddHours(1))));
        Assert.Equal((1, 0.75), Pair(timeline.At(t.AddHours(2))));
        Assert.Same(ActiveEffects.None, timeline.At(t.AddHours(3)));
        Assert.Equal(3, timeline.Count);

        var pieces = new List<(double From, double Until, double Production, double Price)>();
        foreach (var piece in timeline.Between(t.AddMinutes(-30), t.AddHours(3.5)))
        {
            pieces.Add(((piece.From - t).TotalHours, (piece.Until - t).TotalHours, piece.Effects.ProductionMultiplier, piece.Effects.BuildingPriceMultiplier));
        }

        Assert.Equal(new List<(double, double, double, double)> { (-0.5, 0, 1, 1), (0, 1, 2, 1), (1, 2, 2, 0.75), (2, 3, 1, 0.75), (3, 3.5, 1, 1) }, pieces);
        Assert.True(timeline.TryGetUniform(t.AddMinutes(10), t.AddMinutes(50), out var inside));
        Assert.Equal((2, 1), Pair(inside));
        Assert.False(timeline.TryGetUniform(t.AddMinutes(-10), t.AddMinutes(10), out _));
        Assert.Equal((2, 0.75), Pair(timeline.Envelope(t.AddMinutes(-10), t.AddHours(2.5))));
    }

    [Fact]
    public void Walking_a_timeline_with_events_allocates_nothing()
    {
        var timeline = Timeline(
            Event(DoubleWool, T0.AddSeconds(20), T0.AddSeconds(50)),
            Event(AutumnHarvest, T0.AddHours(1), T0.AddHours(3)));
        var snapshot = Engine.CreateSnapshot(NewPlayer().With("barn", 100).Unlocked("silver"));
        Span<double> amounts = stackalloc double[Engine.WoolTypeCount];
        Engine.ComputeOnlineProduction(snapshot, timeline, T0, T0.AddSeconds(100), 100, amounts);
        Engine.ComputeOfflineGains(snapshot, timeline, T0, 10 * Hour, amounts);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Engine.ComputeOnlineProduction(snapshot, timeline, T0, T0.AddSeconds(100), 100, amounts);
            Engine.ComputeOfflineGains(snapshot, timeline, T0, 10 * Hour, amounts);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_save_made_during_double_wool_is_accepted_with_the_event_and_refused_without_it()
    {
        // 100 s of production at 2/s and 20 clicks a second worth 2 each: 200 + 4000.
        var baseState = NewPlayer();
        var now = T0.AddSeconds(100);
        var save = new GameSave
        {
            PlayerId = "player-1",
            WoolCounts = { ["basic"] = "4200" },
            UnlockedWoolTypes = ["basic"],
            RunWoolProduced = "4200",
            LifetimeWoolProduced = "4200",
            Timestamp = now.ToUnixTimeMilliseconds(),
            LastSaveTime = now.ToUnixTimeMilliseconds(),
        };
        var during = Timeline(Event(DoubleWool, T0.AddSeconds(30), T0.AddSeconds(60)));
        var before = Timeline(Event(DoubleWool, T0.AddHours(-1), T0.AddSeconds(-6)));

        var accepted = SaveValidator.V1.Validate(baseState, save, now, during);

        Assert.True(accepted.IsValid, string.Join("; ", accepted.Violations));
        Assert.Contains(SaveValidator.V1.Validate(baseState, save, now, EffectsTimeline.Empty).Violations, v => v.RuleId == SaveRules.ProductionExceedsBound);
        Assert.False(SaveValidator.V1.Validate(baseState, save, now, before).IsValid);
    }

    private static PlayerState Grown()
    {
        var state = NewPlayer().With("barn", 7).With("shears", 1).Unlocked("silver").Owning("click_power_1");
        state.SoulShears = 2;
        return state;
    }

    private static string Json(PlayerState state) => System.Text.Json.JsonSerializer.Serialize(state, SaveJson.Options);

    private static (double Production, double Price) Pair(ActiveEffects e) => (e.ProductionMultiplier, e.BuildingPriceMultiplier);

    private static EventWindow Event(string type, DateTimeOffset startsAt, DateTimeOffset endsAt) => new(type, startsAt, endsAt);

    private static EffectsTimeline Timeline(params EventWindow[] events) => EffectsTimeline.Build(events, GameCatalog.V1);
}
