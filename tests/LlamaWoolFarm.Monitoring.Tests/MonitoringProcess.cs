using System.Collections.Concurrent;
using System.Diagnostics;

namespace LlamaWoolFarm.Monitoring.Tests;

/// <summary>A real Prometheus or Alertmanager server on a loopback port of its own, with a throw-away data folder.</summary>
internal sealed class MonitoringProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private MonitoringProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output => string.Join(Environment.NewLine, _output.TakeLast(80));

    /// <summary>Starts Prometheus on <paramref name="configFile"/>; ready once <c>/-/ready</c> answers.</summary>
    public static Task<MonitoringProcess> StartPrometheusAsync(string configFile, string dataFolder)
    {
        var port = LlamaWoolFarm.Testing.TestServers.FreePort();
        return StartAsync("prometheus", port, $"--config.file={configFile}", $"--storage.tsdb.path={dataFolder}", $"--web.listen-address=127.0.0.1:{port}");
    }

    /// <summary>Starts Alertmanager on <paramref name="configFile"/> without clustering.</summary>
    public static Task<MonitoringProcess> StartAlertmanagerAsync(string configFile, string dataFolder)
    {
        var port = LlamaWoolFarm.Testing.TestServers.FreePort();
        return StartAsync("prometheus-alertmanager", port, $"--config.file={configFile}", $"--storage.path={dataFolder}", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<MonitoringProcess> StartAsync(string tool, int port, params string[] arguments)
    {
        var info = new ProcessStartInfo(ExternalTool.Find(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var server = new MonitoringProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri("/-/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"{tool} did not become ready:{Environment.NewLine}{server.Output}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out _))
            {
            }
        }
    }
}
