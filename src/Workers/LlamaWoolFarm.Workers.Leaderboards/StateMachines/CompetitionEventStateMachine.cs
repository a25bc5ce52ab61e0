using LlamaWoolFarm.Contracts.Events;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using MassTransit;

namespace LlamaWoolFarm.Workers.Leaderboards.StateMachines;

/// <summary>
/// created → Scheduled (start scheduled at StartsAt) → Running (end scheduled at EndsAt) → Ending (final ranking,
/// rewards, notices: <see cref="FinalizeCompetitionEvent"/>) → Rewarding (until the game worker confirmed every
/// <see cref="GrantEventReward"/> with <see cref="EventRewardGranted"/>, each rank counted once) → Archived. Start and
/// end are scheduled messages, so they survive restarts of every process (the scheduler worker keeps them); a
/// repeated start, end or confirmation changes nothing.
/// </summary>
public sealed class CompetitionEventStateMachine : MassTransitStateMachine<CompetitionEventState>
{
    public CompetitionEventStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Created, e => e.CorrelateById(c => c.Message.EventId));
        Event(() => Finished, e => e.CorrelateById(c => c.Message.EventId));
        Event(() => RewardGranted, e =>
        {
            e.CorrelateById(c => c.Message.EventId);
            // A reward of an event this saga never knew (none in practice) is nothing to count.
            e.OnMissingInstance(m => m.Discard());
        });
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
            Ignore(RewardGranted),
            When(Start!.Received)
                .Publish(c => new CompetitionEventStarted(c.Saga.CorrelationId, c.Saga.Type, c.Saga.StartsAt, c.Saga.EndsAt))
                .Schedule(End, c => new EndCompetitionEvent(c.Saga.CorrelationId), c => c.Saga.EndsAt.UtcDateTime)
                .TransitionTo(Running));

        During(
            Running,
            Ignore(Created),
            Ignore(Start.Received),
            Ignore(RewardGranted),
            When(End!.Received)
                .Send(Queues.For<FinalizeCompetitionEvent>(), c => new FinalizeCompetitionEvent(NewId.NextGuid(), c.Saga.CorrelationId))
                .TransitionTo(Ending));

        During(
            Ending,
            Ignore(Created),
            Ignore(Start.Received),
            Ignore(End.Received),
            // The game worker may confirm a reward before the final step's report arrives.
            When(RewardGranted)
                .Then(c => RewardTally.Count(c.Saga, c.Message.Rank)),
            When(Finished)
                .Then(c =>
                {
                    c.Saga.Participants = c.Message.Participants;
                    c.Saga.RewardsSent = c.Message.Rewarded;
                })
                .IfElse(c => RewardTally.Complete(c.Saga), done => done.TransitionTo(Archived), waiting => waiting.TransitionTo(Rewarding)));

        During(
            Rewarding,
            Ignore(Created),
            Ignore(Start.Received),
            Ignore(End.Received),
            Ignore(Finished),
            When(RewardGranted)
                .Then(c => RewardTally.Count(c.Saga, c.Message.Rank))
                .If(c => RewardTally.Complete(c.Saga), done => done.TransitionTo(Archived)));

        During(Archived, Ignore(Created), Ignore(Start.Received), Ignore(End.Received), Ignore(Finished), Ignore(RewardGranted));
    }

    public State Scheduled { get; private set; } = null!;

    public State Running { get; private set; } = null!;

    public State Ending { get; private set; } = null!;

    public State Rewarding { get; private set; } = null!;

    public State Archived { get; private set; } = null!;

    public Event<CompetitionEventCreated> Created { get; private set; } = null!;

    public Event<CompetitionEventFinished> Finished { get; private set; } = null!;

    public Event<EventRewardGranted> RewardGranted { get; private set; } = null!;

    public Schedule<CompetitionEventState, StartCompetitionEvent> Start { get; private set; } = null!;

    public Schedule<CompetitionEventState, EndCompetitionEvent> End { get; private set; } = null!;
}
