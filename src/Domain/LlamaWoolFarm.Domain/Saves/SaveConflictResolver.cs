using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>One valid upload competing for the same base revision.</summary>
public sealed record SaveCandidate(string Id, BigNumber LifetimeWoolProduced, long TotalPrestiges, DateTimeOffset ReceivedAt);

public sealed record SaveConflictResolution(SaveCandidate Winner, SaveCandidate Backup, string DecidedBy);

/// <summary>
/// GAME_RULES §10 conflicts: amounts are never merged. The valid save with the higher lifetimeWoolProduced wins,
/// then the higher totalPrestiges, then the later server receipt; the other is kept as a restorable backup.
/// </summary>
public static class SaveConflictResolver
{
    public const string ByLifetimeWool = "lifetimeWoolProduced";
    public const string ByTotalPrestiges = "totalPrestiges";
    public const string ByReceipt = "receivedAt";

    public static SaveConflictResolution Resolve(SaveCandidate first, SaveCandidate second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var byLifetime = first.LifetimeWoolProduced.CompareTo(second.LifetimeWoolProduced);
        if (byLifetime != 0)
        {
            return byLifetime > 0 ? new(first, second, ByLifetimeWool) : new(second, first, ByLifetimeWool);
        }

        if (first.TotalPrestiges != second.TotalPrestiges)
        {
            return first.TotalPrestiges > second.TotalPrestiges ? new(first, second, ByTotalPrestiges) : new(second, first, ByTotalPrestiges);
        }

        // On an exact tie in receipt too, the second (the newer arrival by call order) wins.
        return first.ReceivedAt > second.ReceivedAt ? new(first, second, ByReceipt) : new(second, first, ByReceipt);
    }
}
