using System.Diagnostics;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Analytics;

/// <summary>
/// An influxd process of the test's own (Debian's binary, its own ports and folders), so a test can really stop
/// and start InfluxDB without touching the shared server other test runs use.
/// </summary>
internal sealed class PrivateInfluxd : IAsyncDisposable
{
    private readonly string _folder = TestServers.NewDataFolder();
    private readonly int _rpcPort = TestServers.FreePort();
    private Process? _process;

    public int Port { get; } = TestServers.FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public static string Binary => Environment.GetEnvironmentVariable("LWF_INFLUXD") ?? "/usr/bin/influxd";

    /// <summary>Starts influxd on its folders (kept across restarts) and waits until it answers <c>/ping</c>.</summary>
    public async Task StartAsync()
    {
        var config = Path.Combine(_folder, "influxdb.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-enabled = false
            bind-address = "127.0.0.1:{_rpcPort}"
            [meta]
              dir = "{_folder}/meta"
            [data]
              dir = "{_folder}/data"
              wal-dir = "{_folder}/wal"
            [http]
              bind-address = "127.0.0.1:{Port}"
              log-enabled = false
            [monitor]
              store-enabled = false
            """);
        _process = Process.Start(new ProcessStartInfo(Binary, ["-config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("influxd did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var ping = await http.GetAsync(new Uri("ping", UriKind.Relative));
                if (ping.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"influxd exited with {_process.ExitCode} before answering.");
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("influxd did not answer /ping within 60 s.");
    }

    /// <summary>Kills the process, as a crash or an operator's stop would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
