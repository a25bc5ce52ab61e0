using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LlamaWoolFarm.Client.Tests;

/// <summary>
/// A TCP relay between the SDK and the Standalone process that breaks the network the way phones do: it drops every
/// open connection, refuses new ones for a while, or lets a request through and loses its answer.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _refusing;
    private string? _cutMarker;
    private int _cutsLeft;
    private int _markerSeen;

    public TcpProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>How many requests containing the armed marker passed through.</summary>
    public int MarkerSeen => Volatile.Read(ref _markerSeen);

    /// <summary>While true, new connections are closed as soon as they open (no network).</summary>
    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    /// <summary>The next <paramref name="times"/> requests containing <paramref name="marker"/> reach the server, but their answers are lost.</summary>
    public void LoseAnswers(string marker, int times)
    {
        Interlocked.Exchange(ref _markerSeen, 0);
        Volatile.Write(ref _cutMarker, marker);
        Interlocked.Exchange(ref _cutsLeft, times);
    }

    /// <summary>Cuts every open connection at once.</summary>
    public void DropAll()
    {
        foreach (var link in _links.Keys)
        {
            link.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAll();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_refusing)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            var link = new Link(client, server);
            _links[link] = 0;
            _ = RunAsync(link);
        }
    }

    private async Task RunAsync(Link link)
    {
        try
        {
            await Task.WhenAny(PumpUpAsync(link), PumpDownAsync(link));
        }
        finally
        {
            link.Close();
            _links.TryRemove(link, out _);
        }
    }

    private async Task PumpUpAsync(Link link)
    {
        var buffer = new byte[64 * 1024];
        var from = link.Client.GetStream();
        var to = link.Server.GetStream();
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                var marker = Volatile.Read(ref _cutMarker);
                if (marker is not null && Encoding.ASCII.GetString(buffer, 0, read).Contains(marker, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _markerSeen);
                    if (Interlocked.Decrement(ref _cutsLeft) >= 0)
                    {
                        link.CutAnswer = true;
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
    }

    private async Task PumpDownAsync(Link link)
    {
        var buffer = new byte[64 * 1024];
        var from = link.Server.GetStream();
        var to = link.Client.GetStream();
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (link.CutAnswer)
                {
                    // The server has done the work; the client never hears of it.
                    link.Close();
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        private int _closed;

        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        public volatile bool CutAnswer;

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1)
            {
                return;
            }

            try
            {
                // A reset, as a lost network looks to the other side, not an orderly close.
                Client.Client.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }

            Client.Dispose();
            Server.Dispose();
        }
    }
}
