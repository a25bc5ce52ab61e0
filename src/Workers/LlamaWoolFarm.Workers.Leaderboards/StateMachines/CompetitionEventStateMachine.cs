using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.StateMachines;

/// <summary>
/// created → Scheduled (start scheduled at StartsAt) → Running (end scheduled at EndsAt) → Ending (final ranking,
/// rewards, notices: <see cref="FinalizeCompetitionEvent"/>) → Archived. Start and end are scheduled messages, so
/// they survive restarts of every process (the scheduler worker keeps them).
/// </summary>
public sealed class CompetitionEventStateMachine : MassTransitStateMachine<CompetitionEventState>
{
    public CompetitionEventStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Created, e => e.CorrelateById(c => c.Message.EventId));
        Event(() => Finished, e => e.CorrelateById(c => c.Message.EventId));
        Schedule(() => Start, s => s.StartToken, s => s.Received = r => r.CorrelateById(c => c.Message.EventId));
        Schedule(() => End, s => s.EndToken, s => s.Received = r => r.CorrelateById(c => c.Message.EventId));

        Initially(
            When(Created)
                .Then(c =>
                {
                    c.Saga.Type = c.Message.Type;
                    c.Saga.StartsAt = c.Message.StartsAt;
                    c.Saga.EndsAt = c.Message.EndsAt;
                })
                .Schedule(Start, c => new StartCompetitionEvent(c.Saga.CorrelationId), c => c.Saga.StartsAt.UtcDateTime)
                .TransitionTo(Scheduled));

        During(
            Scheduled,
            Ignore(Created),
            When(Start!.Received)
                .Publish(c => new CompetitionEventStarted(c.Saga.CorrelationId, c.Saga.Type, c.Saga.StartsAt, c.Saga.EndsAt))
                .Schedule(End, c => new EndCompetitionEvent(c.Saga.CorrelationId), c => c.Saga.EndsAt.UtcDateTime)
                .TransitionTo(Running));

        During(
            Running,
            Ignore(Created),
            Ignore(Start.Received),
            When(End!.Received)
                .Send(Queues.For<FinalizeCompetitionEvent>(), c => new FinalizeCompetitionEvent(NewId.NextGuid(), c.Saga.CorrelationId))
                .TransitionTo(Ending));

        During(
            Ending,
            Ignore(Created),
            Ignore(End.Received),
            When(Finished)
                .Then(c => c.Saga.Participants = c.Message.Participants)
                .TransitionTo(Archived));

        During(Archived, Ignore(Created), Ignore(Start.Received), Ignore(End.Received), Ignore(Finished));
    }

    public State Scheduled { get; private set; } = null!;

    public State Running { get; private set; } = null!;

    public State Ending { get; private set; } = null!;

    public State Archived { get; private set; } = null!;

    public Event<CompetitionEventCreated> Created { get; private set; } = null!;

    public Event<CompetitionEventFinished> Finished { get; private set; } = null!;

    public Schedule<CompetitionEventState, StartCompetitionEvent> Start { get; private set; } = null!;

    public Schedule<CompetitionEventState, EndCompetitionEvent> End { get; private set; } = null!;
}
