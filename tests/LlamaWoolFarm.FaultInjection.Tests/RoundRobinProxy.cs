using System.Net;
using System.Net.Sockets;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// One loopback address in front of several gateways, as a layer-4 load balancer is: each new TCP connection goes to
/// the next upstream in turn and its bytes are copied both ways untouched, so HTTP keep-alive, Idempotency-Keys and
/// bearer tokens reach a gateway exactly as the client sent them. Counts the connections each upstream was given.
/// </summary>
internal sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<Uri> _upstreams;
    private readonly int[] _connections;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next = -1;

    public RoundRobinProxy(IReadOnlyList<Uri> upstreams)
    {
        _upstreams = upstreams;
        _connections = new int[upstreams.Count];
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>The single address the clients call.</summary>
    public Uri Address { get; }

    /// <summary>Connections handed to each upstream, in the order of the upstreams given.</summary>
    public IReadOnlyList<int> Connections => [.. _connections.Select((_, i) => Volatile.Read(ref _connections[i]))];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)_upstreams.Count);
            Interlocked.Increment(ref _connections[index]);
            _ = Task.Run(() => RelayAsync(client, _upstreams[index]));
        }
    }

    private async Task RelayAsync(Socket client, Uri upstream)
    {
        using (client)
        using (var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            client.NoDelay = true;
            server.NoDelay = true;
            try
            {
                await server.ConnectAsync(upstream.Host, upstream.Port, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // Refused upstream: the client sees its connection closed, as behind a balancer with no health check.
                return;
            }

            await using var toServer = new NetworkStream(client, ownsSocket: false);
            await using var toClient = new NetworkStream(server, ownsSocket: false);
            var up = CopyAsync(toServer, toClient, server);
            var down = CopyAsync(toClient, toServer, client);
            await Task.WhenAny(up, down);
            // One side closed: close both, so the other copy ends too.
            client.Close();
            server.Close();
            await Task.WhenAll(up, down);
        }
    }

    private async Task CopyAsync(Stream from, Stream to, Socket target)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
            target.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
