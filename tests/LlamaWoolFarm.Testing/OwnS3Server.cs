using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// A real S3-compatible object store of one test: the npm package <c>s3rver</c> run by
/// <c>tests/s3rver-fixture/server.mjs</c> on a free loopback port, its objects in a temp folder of its own, with the
/// bucket <see cref="Bucket"/> made at start. It checks request signatures against its fixed keys
/// (<see cref="AccessKey"/>/<see cref="SecretKey"/>). <see cref="StopAsync"/> then <see cref="StartAsync()"/> is an
/// outage: the same port and folder come back with what was stored. The fixture's <c>node_modules</c> come from
/// <c>npm ci</c> in that folder (<c>.ci/run</c> does it); node is <c>node</c> on the PATH, or <c>LWF_TEST_NODE</c>.
/// </summary>
public sealed class OwnS3Server : IAsyncDisposable
{
    public const string Bucket = "lwf-backups";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _fixture;
    private Process? _process;

    private OwnS3Server(string fixture, int port, string directory)
    {
        _fixture = fixture;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    /// <summary>The folder s3rver stores buckets and objects in (deleted on dispose).</summary>
    public string Directory { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts a store on a free port in a new temp folder and waits until it listens.</summary>
    public static async Task<OwnS3Server> StartNewAsync()
    {
        var fixture = FixtureFolder();
        if (!System.IO.Directory.Exists(Path.Combine(fixture, "node_modules", "s3rver")))
        {
            throw new InvalidOperationException($"The S3 server fixture has no node_modules: run `npm ci` in {fixture} (as .ci/run does).");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"lwf-s3-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var server = new OwnS3Server(fixture, TestServers.FreePort(), directory);
        await server.StartAsync();
        return server;
    }

    /// <summary>(Re)starts the store on its port and folder; says plainly what is missing when it cannot start.</summary>
    public async Task StartAsync()
    {
        if (Running)
        {
            return;
        }

        var node = Environment.GetEnvironmentVariable("LWF_TEST_NODE") ?? "node";
        var info = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _fixture };
        info.ArgumentList.Add("server.mjs");
        info.Environment["PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["DIRECTORY"] = Directory;
        info.Environment["BUCKET"] = Bucket;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The S3 server fixture needs Node.js ({node}; set LWF_TEST_NODE to another): {e.Message}", e);
        }

        process.OutputDataReceived += (_, e) =>
        {
            Keep(e.Data);
            if (e.Data?.StartsWith("READY ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var first = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != ready.Task)
        {
            await StopAsync();
            throw new InvalidOperationException($"The S3 server fixture did not start on port {Port}: {string.Join(Environment.NewLine, _output)}");
        }
    }

    /// <summary>Stops the store (an outage: its port refuses connections); what it stored stays in its folder.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static string FixtureFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "s3rver-fixture");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/s3rver-fixture/server.mjs was not found above {AppContext.BaseDirectory}.");
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 200)
        {
            _output.Enqueue(line);
        }
    }
}
