using System.Net.Mime;
using System.Text.Json;
using MassTransit;

namespace LlamaWoolFarm.Workers.Scheduler.Jobs;

/// <summary>Sends a stored body as it was serialized, with its envelope; a recurring send gets a fresh message id.</summary>
internal sealed class ScheduledSendPipe(ScheduledDelivery delivery, bool freshMessageId) : IPipe<SendContext>
{
    public Task Send(SendContext context)
    {
        var contentType = string.IsNullOrWhiteSpace(delivery.ContentType) ? null : new ContentType(delivery.ContentType);
        var deserializer = context.Serialization.GetMessageDeserializer(contentType);
        var serializerContext = deserializer.Deserialize(deserializer.GetMessageBody(delivery.Body), context.Headers, new Uri(delivery.Destination));

        // The consumer sees the envelope of the original send: ids for de-duplication and the addresses to answer to.
        context.MessageId = freshMessageId ? NewId.NextGuid() : Parse(delivery.MessageId) ?? NewId.NextGuid();
        context.CorrelationId = Parse(delivery.CorrelationId);
        context.ConversationId = Parse(delivery.ConversationId);
        context.InitiatorId = Parse(delivery.InitiatorId);
        context.RequestId = Parse(delivery.RequestId);
        context.SourceAddress = Address(delivery.SourceAddress);
        context.ResponseAddress = Address(delivery.ResponseAddress);
        context.FaultAddress = Address(delivery.FaultAddress);
        if (delivery.ExpirationTime is { } expires)
        {
            context.TimeToLive = expires.ToUniversalTime() - DateTime.UtcNow;
        }

        if (delivery.Headers is not null)
        {
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(delivery.Headers) ?? [])
            {
                context.Headers.Set(key, value);
            }
        }

        if (Parse(delivery.TokenId) is { } token)
        {
            context.Headers.Set(MessageHeaders.SchedulingTokenId, token.ToString());
        }

        context.Serializer = serializerContext.GetMessageSerializer();
        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context)
    {
    }

    private static Guid? Parse(string? text) => Guid.TryParse(text, out var id) ? id : null;

    private static Uri? Address(string? text) => string.IsNullOrWhiteSpace(text) ? null : new Uri(text);
}
