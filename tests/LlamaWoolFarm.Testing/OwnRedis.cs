using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// A redis-server of one test on a free loopback port, with no persistence, so the test can kill it (the shared
/// server of the other tests must never go down) and start it again on the same port.
/// </summary>
public sealed class OwnRedis : IAsyncDisposable
{
    private Process? _process;

    private OwnRedis(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string of the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>True while the server process runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>Starts a server on a free port (redis-server from PATH, or <c>LWF_TEST_REDIS_SERVER</c>) and waits until it answers.</summary>
    public static async Task<OwnRedis> StartAsync()
    {
        var redis = new OwnRedis(TestServers.FreePort());
        await redis.RestartAsync();
        return redis;
    }

    /// <summary>Starts the server again on the same port (empty: nothing is persisted) and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        if (Running)
        {
            return;
        }

        _process?.Dispose();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("LWF_TEST_REDIS_SERVER") ?? "redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        // Drained so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitAnswersAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Kills the server with SIGKILL, as a crash or a lost host does, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task WaitAnswersAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} exited with code {_process.ExitCode}.");
            }

            if (await PingsAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer within {timeout}.");
    }

    // A raw PING, so the fixture needs no client library.
    private async Task<bool> PingsAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
