using LlamaWoolFarm.Domain.Catalog;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>
/// The play time an upload may claim: the server time of its window (<see cref="UploadWindow.AccrualSeconds"/>)
/// plus what is left of one fixed slack (<see cref="GameTuning.SaveClockSkewSeconds"/>, 300 s) for a device whose
/// counter runs ahead of the server's clock.
/// </summary>
/// <remarks>
/// The slack is spent, not re-granted per upload, like the click allowance: an accepted state records how far its
/// play time is ahead of the server time that passed (<see cref="PlayerState.PlayTimeAheadSeconds"/>), and the next
/// upload gets only the rest. Summed over any chain of uploads, play time grows by at most the server time that
/// passed plus the slack once. An honest device is ahead by at most its upload latency (it saves before the server
/// receives), which does not add up over a chain: each upload's lead replaces the last one's.
/// </remarks>
public static class PlayTimeBound
{
    /// <summary>How far <paramref name="playTimeSeconds"/> would be ahead of the server time since the base (0 when behind).</summary>
    public static double AheadSeconds(PlayerState baseState, UploadWindow window, double playTimeSeconds)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        return Math.Max(0, baseState.PlayTimeAheadSeconds + (playTimeSeconds - baseState.PlayTimeSeconds) - window.AccrualSeconds);
    }

    /// <summary>The most play time an upload built on <paramref name="baseState"/> may hold at the window's end.</summary>
    public static double MaxPlayTimeSeconds(PlayerState baseState, UploadWindow window, GameTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        ArgumentNullException.ThrowIfNull(tuning);
        var slackLeft = Math.Max(0, tuning.SaveClockSkewSeconds - baseState.PlayTimeAheadSeconds);
        return baseState.PlayTimeSeconds + window.AccrualSeconds + slackLeft;
    }
}
