using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.Saves;
using LlamaWoolFarm.Domain.State;
using static LlamaWoolFarm.Domain.Tests.TestWorld;

namespace LlamaWoolFarm.Domain.Tests.Saves;

/// <summary>Play time an upload claims is bounded by the server time since the base plus one slack that is spent.</summary>
public class PlayTimeBoundTests
{
    private readonly SaveValidator _validator = SaveValidator.V1;

    [Fact]
    public void Chained_uploads_claiming_five_minutes_each_get_the_slack_once()
    {
        var state = NewPlayer();
        var now = T0;
        var accepted = 0;
        // 240 uploads 7.5 ms apart (1.8 s in all), each claiming 300 s more play time than the last accepted state.
        for (var i = 0; i < 240; i++)
        {
            now = now.AddMilliseconds(7.5);
            var save = SaveConversion.ToSave(state);
            save.PlayTime += 300_000;

            var result = _validator.Validate(state, save, now, ActiveEffects.None);

            if (i == 0)
            {
                Assert.True(result.IsValid, string.Join("; ", result.Violations));
            }
            else
            {
                Assert.Contains(result.Violations, v => v.RuleId == SaveRules.PlayTimeExceedsElapsed && v.Subject == "playTime");
                Assert.Null(result.Accepted);
            }

            if (result.Accepted is not null)
            {
                state = result.Accepted;
                accepted++;
            }
        }

        Assert.Equal(1, accepted);
        Assert.True(state.PlayTimeSeconds <= 1.8 + 300, $"The chain reached {state.PlayTimeSeconds} s of play time.");
        Close(300 - 0.0075, state.PlayTimeAheadSeconds);
    }

    [Fact]
    public void Twelve_chained_uploads_cannot_reach_the_one_hour_achievement()
    {
        var state = NewPlayer();
        var now = T0;
        for (var i = 0; i < 12; i++)
        {
            now = now.AddSeconds(0.15);
            var save = SaveConversion.ToSave(state);
            save.PlayTime += 300_000;
            save.Achievements = i == 11 ? ["dedicated_player"] : [];
            state = _validator.Validate(state, save, now, ActiveEffects.None).Accepted ?? state;
        }

        Assert.DoesNotContain("dedicated_player", state.Achievements);
        Assert.True(state.PlayTimeSeconds < 302, $"The chain reached {state.PlayTimeSeconds} s of play time.");
    }

    [Fact]
    public void Uploads_every_three_seconds_claiming_the_elapsed_play_time_are_accepted_up_to_the_achievement()
    {
        var state = NewPlayer();
        var now = T0;
        // The device's counter also runs 2 s ahead of the server (it saved before the server received the first upload).
        var devicePlayTime = 2.0;
        for (var i = 0; i < 1201; i++)
        {
            now = now.AddSeconds(3);
            devicePlayTime += 3;
            var save = SaveConversion.ToSave(state);
            save.PlayTime = (long)Math.Round(devicePlayTime * 1000);
            save.Achievements = devicePlayTime >= 3600 ? ["dedicated_player"] : [];

            var result = _validator.Validate(state, save, now, ActiveEffects.None);

            Assert.True(result.IsValid, $"Upload {i}: {string.Join("; ", result.Violations)}");
            state = result.Accepted!;
        }

        Close(3605, state.PlayTimeSeconds);
        Assert.Contains("dedicated_player", state.Achievements);
        Close(2, state.PlayTimeAheadSeconds);
    }

    [Fact]
    public void The_server_time_the_game_worker_accrues_online_leaves_the_spent_slack_spent()
    {
        // An accepted upload spent the whole slack; the game worker then accrued 60 s online (a heartbeat).
        var state = NewPlayer();
        var save = SaveConversion.ToSave(state);
        save.PlayTime = 300_000;
        state = _validator.Validate(state, save, T0, ActiveEffects.None).Accepted!;
        Engine.Heartbeat(state, T0.AddSeconds(60), EffectsTimeline.Empty);
        Close(360, state.PlayTimeSeconds);

        var next = SaveConversion.ToSave(state);
        next.PlayTime = 370_000;

        Assert.Contains(_validator.Validate(state, next, T0.AddSeconds(61), ActiveEffects.None).Violations, v => v.RuleId == SaveRules.PlayTimeExceedsElapsed);
        next.PlayTime = 361_000;
        Assert.True(_validator.Validate(state, next, T0.AddSeconds(61), ActiveEffects.None).IsValid);
    }

    [Fact]
    public void Play_time_not_claimed_wins_the_slack_back()
    {
        // The slack was spent, then the device was closed for 10 minutes: its next save is 300 s ahead again.
        var state = NewPlayer();
        state.PlayTimeAheadSeconds = 300;
        var save = SaveConversion.ToSave(state);
        save.PlayTime = 300_000;

        var result = _validator.Validate(state, save, T0.AddMinutes(10), ActiveEffects.None);

        Assert.True(result.IsValid, string.Join("; ", result.Violations));
        Assert.Equal(0, result.Accepted!.PlayTimeAheadSeconds);
    }

    [Fact]
    public void The_slack_spent_is_kept_through_a_json_round_trip()
    {
        var state = NewPlayer();
        state.PlayTimeAheadSeconds = 123.5;

        var back = System.Text.Json.JsonSerializer.Deserialize<PlayerState>(System.Text.Json.JsonSerializer.Serialize(state, SaveJson.Options), SaveJson.Options)!;

        Assert.Equal(123.5, back.PlayTimeAheadSeconds);
    }
}
