using System.Globalization;
using System.Text;
using System.Text.Json;
using LlamaWoolFarm.Contracts.Analytics;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary>
/// <c>POST analytics/events</c>: <c>{ events: [{ name, timestamp, sessionId?, properties? }] }</c>. Each event is
/// read on its own, so one malformed event is reported with its index while the valid ones are kept.
/// </summary>
public sealed record AnalyticsEventsRequest(List<JsonElement>? Events);

/// <summary>An event of the batch that was refused: its index in <c>events</c>, a stable code and why.</summary>
public sealed record RejectedAnalyticsEvent(int Index, string Code, string Message);

/// <summary>Checks client events one by one against the catalog and the limits of <see cref="AnalyticsLimits"/>.</summary>
public static class AnalyticsEventChecks
{
    private const int MaxSessionIdLength = 64;

    /// <summary>Splits a batch into the events to record and the refused ones.</summary>
    public static (List<ClientEvent> Accepted, List<RejectedAnalyticsEvent> Rejected) Check(IReadOnlyList<JsonElement> events, DateTimeOffset now)
    {
        var accepted = new List<ClientEvent>();
        var rejected = new List<RejectedAnalyticsEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            var (clientEvent, code, message) = CheckOne(events[i], now);
            if (clientEvent is not null)
            {
                accepted.Add(clientEvent);
            }
            else
            {
                rejected.Add(new RejectedAnalyticsEvent(i, code, message));
            }
        }

        return (accepted, rejected);
    }

    private static (ClientEvent? Event, string Code, string Message) CheckOne(JsonElement e, DateTimeOffset now)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return Invalid("An event must be an object.");
        }

        if (!e.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(nameElement.GetString()))
        {
            return Invalid("'name' is required and must be a string.");
        }

        var name = nameElement.GetString()!;
        if (!AnalyticsEventNames.All.Contains(name, StringComparer.Ordinal))
        {
            return (null, AnalyticsErrorCodes.UnknownEvent, $"'{Shorten(name)}' is not an event name; known: {string.Join(", ", AnalyticsEventNames.All)}.");
        }

        if (!e.TryGetProperty("timestamp", out var timeElement) || !TryReadTime(timeElement, out var timestamp))
        {
            return Invalid("'timestamp' is required: an ISO-8601 date-time with offset, or Unix milliseconds.");
        }

        if (timestamp > now + AnalyticsLimits.MaxClockSkew)
        {
            return (null, AnalyticsErrorCodes.TimestampInFuture, $"'timestamp' is more than {AnalyticsLimits.MaxClockSkew.TotalMinutes} minutes ahead of the server clock.");
        }

        if (timestamp < now - AnalyticsLimits.MaxAge)
        {
            return (null, AnalyticsErrorCodes.TimestampTooOld, $"'timestamp' is more than {AnalyticsLimits.MaxAge.TotalDays} days old.");
        }

        string? sessionId = null;
        if (e.TryGetProperty("sessionId", out var sessionElement) && sessionElement.ValueKind != JsonValueKind.Null)
        {
            sessionId = sessionElement.ValueKind == JsonValueKind.String ? sessionElement.GetString() : null;
            if (sessionId is null || sessionId.Length > MaxSessionIdLength || sessionId.Any(char.IsControl))
            {
                return Invalid($"'sessionId' must be a string of at most {MaxSessionIdLength} printable characters.");
            }
        }

        string? properties = null;
        if (e.TryGetProperty("properties", out var propertiesElement) && propertiesElement.ValueKind != JsonValueKind.Null)
        {
            if (propertiesElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid("'properties' must be an object.");
            }

            properties = JsonSerializer.Serialize(propertiesElement);
            var count = propertiesElement.EnumerateObject().Count();
            if (Encoding.UTF8.GetByteCount(properties) > AnalyticsLimits.MaxPropertiesBytes || count > AnalyticsLimits.MaxPropertyCount)
            {
                return (null, AnalyticsErrorCodes.PropertiesTooLarge, $"'properties' may hold at most {AnalyticsLimits.MaxPropertyCount} keys and {AnalyticsLimits.MaxPropertiesBytes} bytes of JSON.");
            }
        }

        return (new ClientEvent(name, timestamp, sessionId, properties), string.Empty, string.Empty);
    }

    private static (ClientEvent? Event, string Code, string Message) Invalid(string message) => (null, AnalyticsErrorCodes.InvalidEvent, message);

    private static bool TryReadTime(JsonElement element, out DateTimeOffset time)
    {
        time = default;
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (element.TryGetInt64(out var ms) && ms is > 0 and < 253_402_300_800_000)
            {
                time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                return true;
            }

            return false;
        }

        // An offset (or Z) is required: a local time of an unknown zone cannot be placed.
        return element.ValueKind == JsonValueKind.String
            && element.GetString() is { Length: <= 64 } text
            && (text.EndsWith('Z') || text.EndsWith("z", StringComparison.Ordinal) || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal) && text.Contains('T', StringComparison.Ordinal))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
