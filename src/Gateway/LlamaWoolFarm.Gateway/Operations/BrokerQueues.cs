using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlamaWoolFarm.Gateway.Operations;

/// <summary>One queue as the broker reports it.</summary>
public sealed record QueueStats(string Name, long Ready, long Unacknowledged, int Consumers, double PublishRate, bool IsErrorQueue);

/// <summary>
/// Reads queue depths from the RabbitMQ management API (<c>GET /api/queues</c>) for the admin page. Only on when
/// <c>Admin:RabbitMqManagementUrl</c> is set; an unreachable broker API gives null, never an error page.
/// </summary>
public sealed class BrokerQueues(HttpClient http, AdminOptions options, IConfiguration configuration, ILogger<BrokerQueues> logger)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(options.RabbitMqManagementUrl);

    /// <summary>The queues, deepest first; null when the feature is off or the API did not answer.</summary>
    public async Task<IReadOnlyList<QueueStats>?> ListAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        var columns = "name,messages_ready,messages_unacknowledged,consumers,message_stats.publish_details.rate";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(options.RabbitMqManagementUrl!.TrimEnd('/') + "/"), $"api/queues?columns={columns}"));
        var (user, password) = Credentials();
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var queues = await response.Content.ReadFromJsonAsync<List<ManagementQueue>>(cancellationToken) ?? [];
            return [.. queues
                .Select(q => new QueueStats(q.Name, q.Ready, q.Unacknowledged, q.Consumers, q.Stats?.Publish?.Rate ?? 0, q.Name.EndsWith("_error", StringComparison.Ordinal)))
                .OrderByDescending(q => q.Ready + q.Unacknowledged)
                .ThenBy(q => q.Name, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            logger.LogWarning("The RabbitMQ management API at {Url} did not answer: {Error}", options.RabbitMqManagementUrl, e.Message);
            return null;
        }
    }

    private (string User, string Password) Credentials()
    {
        var connection = configuration.GetConnectionString("rabbitmq");
        var userInfo = connection is not null && Uri.TryCreate(connection, UriKind.Absolute, out var uri) ? uri.UserInfo.Split(':', 2) : [];
        return (
            options.RabbitMqManagementUser ?? (userInfo.Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest"),
            options.RabbitMqManagementPassword ?? (userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest"));
    }

    private sealed record ManagementQueue(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages_ready")] long Ready,
        [property: JsonPropertyName("messages_unacknowledged")] long Unacknowledged,
        [property: JsonPropertyName("consumers")] int Consumers,
        [property: JsonPropertyName("message_stats")] ManagementStats? Stats);

    private sealed record ManagementStats([property: JsonPropertyName("publish_details")] ManagementRate? Publish);

    private sealed record ManagementRate([property: JsonPropertyName("rate")] double Rate);
}
