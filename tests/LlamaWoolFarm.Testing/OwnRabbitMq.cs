using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// A RabbitMQ node of one test (its own node name, ports and data folder, no plugins), so the test can stop and
/// start the broker under a running system without touching the shared broker of the other tests. Its data folder
/// survives a stop, so queues, exchanges and the guest user are back after <see cref="StartAsync"/>.
/// </summary>
public sealed class OwnRabbitMq : IAsyncDisposable
{
    private readonly string _folder;
    private Process? _process;

    private OwnRabbitMq(string folder, int port, int distributionPort)
    {
        _folder = folder;
        Port = port;
        DistributionPort = distributionPort;
        NodeName = $"lwf-fault-{Guid.NewGuid():N}"[..22] + "@localhost";
    }

    public string NodeName { get; }

    public int Port { get; }

    public int DistributionPort { get; }

    /// <summary>The amqp URI of the node's default virtual host, as guest (allowed from loopback).</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    /// <summary>True while the node's process runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>The node's log folder, for a failure message.</summary>
    public string LogFolder => Path.Combine(_folder, "log");

    /// <summary>Starts a fresh node on free loopback ports and waits until it speaks AMQP (a cold node boots in ~10 s).</summary>
    public static async Task<OwnRabbitMq> CreateAsync(TimeSpan? timeout = null)
    {
        var folder = TestServers.NewDataFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].");
        var node = new OwnRabbitMq(folder, TestServers.FreePort(), TestServers.FreePort());
        await node.StartAsync(timeout);
        return node;
    }

    /// <summary>Starts the node again after <see cref="StopAsync"/> or <see cref="KillAsync"/>, with the data it had.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (Running)
        {
            return;
        }

        _process?.Dispose();
        var info = Command("rabbitmq-server");
        info.Environment["RABBITMQ_NODENAME"] = NodeName;
        info.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        info.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = LogFolder;
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");
        // Not the system's /etc/rabbitmq files: they enable the management plugin on the shared node's ports.
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq");
        info.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_folder, "advanced.config");
        info.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_folder, "rabbitmq-env.conf");
        _process = Process.Start(info) ?? throw new InvalidOperationException("rabbitmq-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitSpeaksAmqpAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Stops the node cleanly (<c>rabbitmqctl stop</c>), as an operator or an orchestrator does, and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (!Running)
        {
            return;
        }

        var info = Command("rabbitmqctl");
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(NodeName);
        info.ArgumentList.Add("stop");
        using (var stop = Process.Start(info)!)
        {
            stop.OutputDataReceived += (_, _) => { };
            stop.ErrorDataReceived += (_, _) => { };
            stop.BeginOutputReadLine();
            stop.BeginErrorReadLine();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await stop.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                // rabbitmqctl itself hung (a starved machine): the broker goes down all the same, killed.
                stop.Kill(entireProcessTree: true);
                await KillAsync();
                return;
            }
        }

        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process!.WaitForExitAsync(exit.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>Kills the node and its children with SIGKILL, as a crash does.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temp folder: not worth failing a test for.
        }
    }

    // The scripts under /usr/lib/rabbitmq/bin run as the calling user; the ones on PATH switch to the rabbitmq user
    // when called as root and write to the shared node's log files. HOME holds the node's own Erlang cookie.
    private ProcessStartInfo Command(string script)
    {
        var direct = Path.Combine("/usr/lib/rabbitmq/bin", script);
        var info = new ProcessStartInfo(File.Exists(direct) ? direct : script)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["HOME"] = _folder;
        return info;
    }

    private async Task WaitSpeaksAmqpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"RabbitMQ node {NodeName} exited with code {_process.ExitCode}; logs in {LogFolder}.");
            }

            if (await SpeaksAmqpAsync())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"RabbitMQ node {NodeName} did not answer on port {Port} within {timeout}; logs in {LogFolder}.");
    }

    // The AMQP 0-9-1 protocol header; a broker that is up answers with a Connection.Start method frame (type 1).
    private async Task<bool> SpeaksAmqpAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, limit.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), limit.Token);
            var buffer = new byte[8];
            var read = await stream.ReadAsync(buffer, limit.Token);
            return read > 0 && buffer[0] == 1;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
