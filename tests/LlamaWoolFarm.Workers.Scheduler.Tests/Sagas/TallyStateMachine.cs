using MassTransit;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Sagas;

public sealed record TallyOpened(Guid TallyId);

public sealed record TallyBumped(Guid TallyId);

public sealed record TallyClosed(Guid TallyId);

/// <summary>The instance the test saga keeps in the document store.</summary>
public sealed class TallyState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;

    public int Count { get; set; }
}

/// <summary>A small real state machine: opened, bumped many times (slowly, so concurrent bumps collide), closed.</summary>
public sealed class TallyStateMachine : MassTransitStateMachine<TallyState>
{
    public TallyStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Opened, e => e.CorrelateById(m => m.Message.TallyId));
        Event(() => Bumped, e => e.CorrelateById(m => m.Message.TallyId));
        Event(() => Closed, e => e.CorrelateById(m => m.Message.TallyId));

        Initially(When(Opened).TransitionTo(Open));
        During(
            Open,
            When(Bumped).ThenAsync(async context =>
            {
                // Holding the instance a moment widens the window in which another bump loads the same version.
                await Task.Delay(10);
                context.Saga.Count++;
            }),
            When(Closed).Finalize());
        SetCompletedWhenFinalized();
    }

    public State Open { get; private set; } = null!;

    public Event<TallyOpened> Opened { get; private set; } = null!;

    public Event<TallyBumped> Bumped { get; private set; } = null!;

    public Event<TallyClosed> Closed { get; private set; } = null!;
}
