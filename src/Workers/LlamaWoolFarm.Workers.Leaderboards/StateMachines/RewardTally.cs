namespace LlamaWoolFarm.Workers.Leaderboards.StateMachines;

/// <summary>Counts the game worker's reward confirmations of an event, each final rank once.</summary>
public static class RewardTally
{
    /// <summary>Records the confirmation of <paramref name="rank"/>; false when it was already counted or is no rank.</summary>
    public static bool Count(CompetitionEventState saga, long rank)
    {
        ArgumentNullException.ThrowIfNull(saga);
        if (rank < 1 || rank > 1_000_000)
        {
            return false;
        }

        var index = (int)(rank - 1);
        var bits = saga.GrantedRanks ?? [];
        if (bits.Length <= index / 8)
        {
            Array.Resize(ref bits, (index / 8) + 1);
        }

        var mask = (byte)(1 << (index % 8));
        if ((bits[index / 8] & mask) != 0)
        {
            return false;
        }

        bits[index / 8] |= mask;
        saga.GrantedRanks = bits;
        saga.RewardsGranted++;
        return true;
    }

    /// <summary>True once the final step reported and every reward it sent was confirmed.</summary>
    public static bool Complete(CompetitionEventState saga) =>
        saga is { RewardsSent: { } sent } && saga.RewardsGranted >= sent;
}
