using System.Collections.Concurrent;
using System.Diagnostics;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// One of the system's executables started as a separate process from its build output, as it runs in
/// production; its console output is kept for the failure message.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, string name, Uri baseAddress)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>True once the process ended (killed, crashed or stopped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>src/{area}/{project}</c> from its build output (same configuration as the tests) on a free
    /// loopback port (or on <paramref name="port"/>, so a restarted process answers where clients already call), with
    /// the project folder as content root, and waits until <c>/health/ready</c> answers 200.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string area, string project, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null, int? port = null)
    {
        var projectDir = Path.Combine(RepositoryRoot(), "src", area, project);
        var dll = Path.Combine(projectDir, "bin", BuildConfiguration(), "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build {project} first; {dll} is missing.");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{port ?? TestServers.FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(projectDir);
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, project, baseAddress);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Generous: on a loaded 2-core CI box a cold .NET host can take tens of seconds to answer.
        try
        {
            await service.WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(150));
        }
        catch
        {
            // A host that never got ready is nobody's to stop: left running, it loaded the box for every later test.
            await service.DisposeAsync();
            throw;
        }

        return service;
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

    /// <summary>Kills the process and its children with SIGKILL (a crash, an OOM kill): nothing runs on the way out.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Stops the process the way an orchestrator does (SIGTERM), and waits for it.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                // Which check held it back, for the message below.
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "no answer within 5 s";
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready after {timeout}; /health/ready last answered: {last}{Environment.NewLine}{Output}");
    }

    /// <summary>The folder holding LlamaWoolFarm.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LlamaWoolFarm.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("LlamaWoolFarm.sln not found above " + AppContext.BaseDirectory);
    }

    private static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
