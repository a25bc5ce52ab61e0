using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.Game;
using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Game;

public class NewGameTests
{
    [Fact]
    public void A_new_farm_belongs_to_the_player_has_nothing_yet_and_starts_its_clocks_now()
    {
        var player = Guid.NewGuid();

        var state = NewGame.Start(player, T0, GameCatalog.V1, FarmOrigin.FirstCommand);

        Assert.Equal(player.ToString("N"), state.PlayerId);
        Assert.Equal(GameCatalog.V1.RulesVersion, state.RulesVersion);
        Assert.Equal((T0, T0, T0), (state.CreatedAt, state.LastMaterializedAt, state.LastActiveAt));
        Assert.All(state.WoolCounts.Values, w => Assert.Equal(BigNumber.Zero, w));
        Assert.All(state.Buildings.Values, n => Assert.Equal(0, n));
        Assert.Equal([GameCatalog.V1.BaseWoolType], state.UnlockedWoolTypes);
        Assert.Equal(0, state.Revision);
    }

    [Fact]
    public void A_farm_met_through_a_command_starts_its_click_window_one_full_batch_back_so_the_first_batch_may_be_full()
    {
        var tuning = GameCatalog.V1.Tuning;

        var state = NewGame.Start(Guid.NewGuid(), T0, GameCatalog.V1, FarmOrigin.FirstCommand);

        Assert.Equal(TimeSpan.FromSeconds(5), NewGame.ClickWindowHeadStart(GameCatalog.V1));
        Assert.Equal(T0.AddSeconds(-5), state.LastClickAt);
        var full = Engine.ApplyClicks(state, tuning.MaxQuantity, T0, EffectsTimeline.Empty);
        Assert.True(full.Success, full.ErrorCode);
        Assert.Equal(BigNumber.FromDouble(tuning.MaxQuantity), state.GetWool(GameCatalog.V1.BaseWoolType));
    }

    [Fact]
    public void A_farm_met_through_save_sync_has_nothing_clicked_before_it_so_a_full_batch_at_once_is_refused()
    {
        var player = Guid.NewGuid();

        var state = NewGame.Start(player, T0, GameCatalog.V1, FarmOrigin.SaveSync);

        Assert.Equal(T0, state.LastClickAt);
        var viaCommand = NewGame.Start(player, T0, GameCatalog.V1, FarmOrigin.FirstCommand);
        viaCommand.SpendClicksUntil(T0);
        Assert.Equal(PlayerStateJson.Serialize(viaCommand), PlayerStateJson.Serialize(state));
        var full = Engine.ApplyClicks(state, GameCatalog.V1.Tuning.MaxQuantity, T0, EffectsTimeline.Empty);

        Assert.False(full.Success);
        Assert.Equal(ErrorCodes.RateLimitedAction, full.ErrorCode);
    }

    [Fact]
    public void An_upload_built_on_a_farm_met_through_save_sync_may_hold_clicks_only_from_its_start()
    {
        var player = Guid.NewGuid();
        var later = T0.AddMinutes(1);

        var synced = UploadWindow.Of(NewGame.Start(player, T0, GameCatalog.V1, FarmOrigin.SaveSync), later);
        var commanded = UploadWindow.Of(NewGame.Start(player, T0, GameCatalog.V1, FarmOrigin.FirstCommand), later);

        Assert.Equal(60, synced.ClickSeconds, 9);
        Assert.Equal(65, commanded.ClickSeconds, 9);
        Assert.Equal(synced.AccrualSeconds, commanded.AccrualSeconds);
    }

    [Fact]
    public void A_state_crosses_the_bus_as_json_unchanged()
    {
        var state = NewGame.Start(Guid.NewGuid(), T0, GameCatalog.V1, FarmOrigin.FirstCommand).With("barn", 12).WithWool("silver", 3.5e40);
        Engine.Heartbeat(state, T0.AddHours(3), EffectsTimeline.Empty);
        state.Revision = 42;
        state.Achievements.Add("first_wool");

        var json = PlayerStateJson.Serialize(state);
        var back = PlayerStateJson.Deserialize(json);

        Assert.Equal(json, PlayerStateJson.Serialize(back));
        Assert.Equal((state.Revision, state.GetWool("silver"), state.LastClickAt), (back.Revision, back.GetWool("silver"), back.LastClickAt));
        Assert.Equal(state.PendingOffline is null, back.PendingOffline is null);
    }
}
