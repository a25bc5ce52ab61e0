using LlamaWoolFarm.Domain.Rules;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>
/// The server time an upload built on a base state may contain: <see cref="AccrualSeconds"/> of production (since
/// the base was materialized, plus its still-unclaimed offline time) and <see cref="ClickSeconds"/> of clicking.
/// </summary>
/// <remarks>
/// Clicks share one allowance with the game worker's click commands: 20 per second of server time since the base's
/// <see cref="PlayerState.LastClickAt"/>, which both a click batch and an accepted upload move to their server
/// time. Clicks made on the device shortly before the base's last command but not sent may be in the upload, so
/// the window reaches up to 5 s before the accrual start, but never before the last click already counted: a
/// chain of uploads gets the look-back once, not once per upload.
/// </remarks>
public readonly record struct UploadWindow(double AccrualSeconds, double ClickSeconds)
{
    /// <summary>How far before the base's accrual start unsent clicks may reach.</summary>
    public const double ClickLookBackSeconds = 5;

    public static UploadWindow Of(PlayerState baseState, DateTimeOffset serverNow)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        var pendingSeconds = baseState.PendingOffline?.OfflineSeconds ?? 0;
        var accrual = Math.Max(0, (serverNow - baseState.LastMaterializedAt).TotalSeconds) + pendingSeconds;
        var lookBack = GameEngine.AccrualStart(baseState).AddSeconds(-ClickLookBackSeconds);
        var clickStart = baseState.LastClickAt > lookBack ? baseState.LastClickAt : lookBack;
        var clicks = Math.Max(0, (serverNow - clickStart).TotalSeconds);
        return new UploadWindow(accrual, clicks);
    }
}
