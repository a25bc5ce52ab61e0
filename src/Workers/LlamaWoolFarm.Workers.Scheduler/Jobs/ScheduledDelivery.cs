using System.Text.Json;
using MassTransit;

namespace LlamaWoolFarm.Workers.Scheduler.Jobs;

/// <summary>
/// A scheduled message as the job stores it: the destination, the serialized body exactly as the scheduling client
/// wrote it, and the envelope headers to send it with. Plain strings, so Hangfire can store it in any storage.
/// </summary>
public sealed class ScheduledDelivery
{
    public string Destination { get; set; } = string.Empty;

    public string? ContentType { get; set; }

    public string Body { get; set; } = string.Empty;

    public string? MessageId { get; set; }

    public string? CorrelationId { get; set; }

    public string? ConversationId { get; set; }

    public string? InitiatorId { get; set; }

    public string? RequestId { get; set; }

    public string? SourceAddress { get; set; }

    public string? ResponseAddress { get; set; }

    public string? FaultAddress { get; set; }

    public DateTime? ExpirationTime { get; set; }

    /// <summary>The scheduling token (one-shot) that cancels it.</summary>
    public string? TokenId { get; set; }

    /// <summary>Which schedule of the token this is; a later schedule or a cancel makes older generations do nothing.</summary>
    public string Generation { get; set; } = string.Empty;

    /// <summary>Headers with text or number values, as JSON.</summary>
    public string? Headers { get; set; }

    /// <summary>Captures the payload of a scheduling message with its envelope.</summary>
    public static ScheduledDelivery Capture<T>(ConsumeContext<T> context, Uri destination, object payload, string[] payloadType, Guid? tokenId)
        where T : class
    {
        var body = context.SerializerContext.GetMessageSerializer(payload, payloadType)
            .GetMessageBody(new MassTransit.Context.MessageSendContext<T>(context.Message));
        var headers = context.Headers.GetAll()
            .Where(h => h.Value is string or int or long or bool or double)
            .ToDictionary(h => h.Key, h => Convert.ToString(h.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal);
        return new ScheduledDelivery
        {
            Destination = destination.ToString(),
            ContentType = context.ReceiveContext.ContentType?.ToString(),
            Body = body.GetString(),
            MessageId = context.MessageId?.ToString(),
            CorrelationId = context.CorrelationId?.ToString(),
            ConversationId = context.ConversationId?.ToString(),
            InitiatorId = context.InitiatorId?.ToString(),
            RequestId = context.RequestId?.ToString(),
            SourceAddress = context.SourceAddress?.ToString(),
            ResponseAddress = context.ResponseAddress?.ToString(),
            FaultAddress = context.FaultAddress?.ToString(),
            ExpirationTime = context.ExpirationTime,
            TokenId = tokenId?.ToString("N"),
            Generation = Guid.NewGuid().ToString("N"),
            Headers = headers.Count == 0 ? null : JsonSerializer.Serialize(headers),
        };
    }
}
