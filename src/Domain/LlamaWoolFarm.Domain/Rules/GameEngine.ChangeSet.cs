using LlamaWoolFarm.Domain.Numbers;
using LlamaWoolFarm.Domain.State;

namespace LlamaWoolFarm.Domain.Rules;

public sealed partial class GameEngine
{
    private sealed class ChangeSet
    {
        public Dictionary<string, BigNumber> Accrued { get; } = [];

        public Dictionary<string, BigNumber> Gained { get; } = [];

        public Dictionary<string, BigNumber> Spent { get; } = [];

        public List<string> AchievementsUnlocked { get; } = [];

        public List<string> WoolTypesUnlocked { get; } = [];

        public long PrestigeGain { get; set; }

        public OfflineProgress? Offline { get; set; }

        public OfflineProgress? AutoGranted { get; set; }

        public ActionResult ToResult() => new()
        {
            Success = true,
            Accrued = Accrued,
            Gained = Gained,
            Spent = Spent,
            AchievementsUnlocked = AchievementsUnlocked,
            WoolTypesUnlocked = WoolTypesUnlocked,
            PrestigeGain = PrestigeGain,
            Offline = Offline,
            AutoGrantedOffline = AutoGranted,
        };
    }
}
