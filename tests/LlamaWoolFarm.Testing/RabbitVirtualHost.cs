using System.Net.Http.Headers;
using System.Text;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// A RabbitMQ virtual host of one test, made through the management API and deleted afterwards, so the test's
/// queues (named by message type, the same in every process) are not shared with other tests or processes running
/// against the same broker. Without the management API (<c>LWF_TEST_RABBITMQ_MANAGEMENT</c>, default port 15672 of
/// the broker's host) it falls back to the broker's default virtual host.
/// </summary>
public sealed class RabbitVirtualHost : IAsyncDisposable
{
    private readonly HttpClient? _management;
    private readonly string? _name;

    private RabbitVirtualHost(string connectionString, HttpClient? management, string? name)
    {
        ConnectionString = connectionString;
        _management = management;
        _name = name;
    }

    /// <summary>The amqp URI of the virtual host (or of the default one when none could be made).</summary>
    public string ConnectionString { get; }

    /// <summary>True when the test runs in a virtual host of its own.</summary>
    public bool Isolated => _name is not null;

    /// <summary>The virtual host's name as the management API's paths take it.</summary>
    public string ApiName => Uri.EscapeDataString(_name ?? "/");

    /// <summary>
    /// A client of the broker's management API (<c>LWF_TEST_RABBITMQ_MANAGEMENT</c>, default port 15672 of the broker's
    /// host), signed in as the broker's user; the caller disposes it.
    /// </summary>
    public static HttpClient ManagementClient()
    {
        var broker = new Uri(TestServers.RabbitMq);
        var management = new HttpClient
        {
            BaseAddress = new Uri(Environment.GetEnvironmentVariable("LWF_TEST_RABBITMQ_MANAGEMENT") ?? $"http://{broker.Host}:15672/"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(broker.UserInfo))));
        return management;
    }

    public static async Task<RabbitVirtualHost> CreateAsync()
    {
        var broker = new Uri(TestServers.RabbitMq);
        var user = Uri.UnescapeDataString(broker.UserInfo.Split(':', 2)[0]);
        var management = ManagementClient();
        var name = "lwf-test-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using (var created = await management.PutAsync(new Uri($"api/vhosts/{name}", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json")))
            {
                created.EnsureSuccessStatusCode();
            }

            using (var allowed = await management.PutAsync(
                new Uri($"api/permissions/{name}/{Uri.EscapeDataString(user)}", UriKind.Relative),
                new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json")))
            {
                allowed.EnsureSuccessStatusCode();
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            management.Dispose();
            return new RabbitVirtualHost(TestServers.RabbitMq, null, null);
        }

        var builder = new UriBuilder(broker) { Path = "/" + name };
        return new RabbitVirtualHost(builder.Uri.ToString(), management, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_management is null)
        {
            return;
        }

        try
        {
            using var deleted = await _management.DeleteAsync(new Uri($"api/vhosts/{_name}", UriKind.Relative));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Left behind: an empty virtual host costs the broker nothing worth failing a test for.
        }

        _management.Dispose();
    }
}
