using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.StateMachines;

/// <summary>One competition event's saga instance (correlated by the event id).</summary>
public sealed class CompetitionEventState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public Guid? StartToken { get; set; }

    public Guid? EndToken { get; set; }

    public long Participants { get; set; }

    /// <summary>How many rewards the final step sent; null until it reported.</summary>
    public int? RewardsSent { get; set; }

    /// <summary>How many distinct ranks the game worker confirmed (<see cref="GrantedRanks"/> has their bits).</summary>
    public int RewardsGranted { get; set; }

    /// <summary>A bit per final rank whose reward was confirmed, so a repeated confirmation counts once (≤ 1.25 KB for 10,000 ranks).</summary>
    public byte[]? GrantedRanks { get; set; }
}
