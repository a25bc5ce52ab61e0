using LlamaWoolFarm.Contracts.Saves;
using MassTransit;

namespace LlamaWoolFarm.Realtime.Relays;

/// <summary>Tells every device of the player which save won a conflict, as <c>saveConflictResolved</c>.</summary>
public sealed class SaveConflictResolvedRelayConsumer(PlayerPush push) : IConsumer<SaveConflictResolved>
{
    public Task Consume(ConsumeContext<SaveConflictResolved> context) =>
        push.SendAsync(context, context.Message.PlayerId, "saveConflictResolved", context.Message);
}
