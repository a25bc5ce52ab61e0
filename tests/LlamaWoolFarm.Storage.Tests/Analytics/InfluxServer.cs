using System.Net.Sockets;

namespace LlamaWoolFarm.Storage.Tests.Analytics;

/// <summary>The real InfluxDB CI starts on loopback (<c>LWF_TEST_INFLUX</c> may point elsewhere), and helpers around it.</summary>
internal static class InfluxServer
{
    public static Uri Address => new(Environment.GetEnvironmentVariable("LWF_TEST_INFLUX") ?? "http://127.0.0.1:8086/");

    public static string NewDatabaseName() => "lwf_test_" + Guid.NewGuid().ToString("N");

    public static async Task DropDatabaseAsync(string database)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var response = await http.PostAsync(new Uri($"query?q={Uri.EscapeDataString($"DROP DATABASE \"{database}\"")}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public static async Task<bool> DatabaseExistsAsync(string database)
    {
        using var http = new HttpClient { BaseAddress = Address };
        var body = await http.GetStringAsync(new Uri($"query?q={Uri.EscapeDataString("SHOW DATABASES")}", UriKind.Relative));
        return body.Contains($"\"{database}\"", StringComparison.Ordinal);
    }
}

/// <summary>
/// A TCP forwarder to the real InfluxDB on a port of its own: before <see cref="Start"/> nothing listens there
/// (the server looks down), after it the same address reaches the real server. This stands in for stopping and
/// starting the shared influxd, which other test runs on the machine use at the same time.
/// </summary>
internal sealed class InfluxDoor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task? _accepting;

    public int Port { get; } = LlamaWoolFarm.Testing.TestServers.FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public void Start()
    {
        _listener = new TcpListener(System.Net.IPAddress.Loopback, Port);
        _listener.Start();
        _accepting = AcceptAsync(_listener, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        if (_accepting is not null)
        {
            await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
    }

    private static async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop);
            _ = ForwardAsync(client, stop);
        }
    }

    private static async Task ForwardAsync(TcpClient client, CancellationToken stop)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(InfluxServer.Address.Host, InfluxServer.Address.Port, stop);
                var up = client.GetStream().CopyToAsync(server.GetStream(), stop);
                var down = server.GetStream().CopyToAsync(client.GetStream(), stop);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A closed connection ends the forwarding.
            }
        }
    }
}
