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
}
