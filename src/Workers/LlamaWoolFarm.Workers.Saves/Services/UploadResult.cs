using LlamaWoolFarm.Contracts.Saves;
using MassTransit;

namespace LlamaWoolFarm.Workers.Saves.Services;

/// <summary>Exactly one of the three answers to an upload; it is both the response and the published event.</summary>
public sealed record UploadResult(SaveAccepted? Accepted, SaveRejected? Rejected, SaveConflictResolved? Conflict)
{
    public static UploadResult Of(SaveAccepted accepted) => new(accepted, null, null);

    /// <summary>The outcome as the <c>lwf.saves.uploads</c> counter tags it.</summary>
    public string Outcome => Accepted is not null ? "accepted" : Rejected is not null ? "rejected" : "conflict";

    public static UploadResult Of(SaveRejected rejected) => new(null, rejected, null);

    public static UploadResult Of(SaveConflictResolved conflict) => new(null, null, conflict);

    public async Task RespondAndPublishAsync(ConsumeContext context)
    {
        object message = (object?)Accepted ?? (object?)Rejected ?? Conflict!;
        // Without a request id RespondAsync would publish, and the event below would go out twice.
        if (context.RequestId.HasValue)
        {
            await context.RespondAsync(message);
        }

        await context.Publish(message, context.CancellationToken);
    }
}
