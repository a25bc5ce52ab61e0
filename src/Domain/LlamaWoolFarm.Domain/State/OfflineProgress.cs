using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Domain.State;

/// <summary>
/// Offline gains of one absence, as GAME_RULES §7 reports them. An absence is identified by the
/// server time (epoch ms) of the last activity before it, which is what makes "once per absence" checkable.
/// </summary>
public sealed class OfflineProgress
{
    public long AbsenceId { get; set; }

    public double OfflineSeconds { get; set; }

    public double CappedSeconds { get; set; }

    public double Efficiency { get; set; }

    public Dictionary<string, BigNumber> WoolEarned { get; set; } = [];

    public bool BonusApplied { get; set; }

    public OfflineProgress Clone()
    {
        var copy = (OfflineProgress)MemberwiseClone();
        copy.WoolEarned = new Dictionary<string, BigNumber>(WoolEarned);
        return copy;
    }
}
