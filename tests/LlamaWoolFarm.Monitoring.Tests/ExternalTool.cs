using System.Diagnostics;

namespace LlamaWoolFarm.Monitoring.Tests;

/// <summary>Debian's Prometheus tools, run or started as the operator would.</summary>
internal static class ExternalTool
{
    public static string MonitoringFolder => Path.Combine(LlamaWoolFarm.Testing.ServiceProcess.RepositoryRoot(), "deploy", "monitoring");

    /// <summary>The tool's full path; a clear failure when it is missing, since .ci/run installs it.</summary>
    public static string Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} is not installed: .ci/run installs Debian's prometheus and prometheus-alertmanager packages.");
    }

    /// <summary>Runs a tool to its end and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string name, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(Find(name)) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
