using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// One fault under load: guests click, the fault strikes once part of the load is accepted, the load keeps going
/// through it and past the recovery, then every accepted click is audited. The report is written to the test
/// output (and appended to <see cref="ResultsFile"/>) before anything is asserted, so a failing run still shows
/// its numbers.
/// </summary>
internal static class FaultScenario
{
    public const int Players = 20;

    public const int AcceptedTarget = 1000;

    // After the recovery the load goes on for this many more accepted clicks, so the system is seen working again.
    private const int AcceptedAfterRecovery = 200;

    /// <summary>Rows of every run on this machine, so the table can be copied after a run without a verbose logger.</summary>
    public static string ResultsFile => Path.Combine(Path.GetTempPath(), "lwf-fault-injection.md");

    /// <summary>
    /// <paramref name="fault"/> causes the fault and returns once it has struck (the process is dead, the server
    /// stopped); <paramref name="repair"/> restarts what was stopped and returns once it is back.
    /// </summary>
    public static async Task<FaultReport> RunAsync(string name, Uri gateway, Func<Task> fault, Func<Task> repair, ITestOutputHelper output, Func<string> diagnostics)
    {
        var phases = Stopwatch.StartNew();
        using var api = new GameApi(gateway);
        var guests = await api.CreateGuestsAsync(Players);
        await using var load = ClickLoad.Start(api, guests);
        await load.WaitForAcceptedAsync(AcceptedTarget * 2 / 5, 0, TimeSpan.FromSeconds(120), diagnostics);
        var beforeFault = phases.Elapsed;

        await fault();
        load.MarkFault();
        var outage = Stopwatch.StartNew();
        await repair();
        var restored = outage.Elapsed;

        await load.WaitForAcceptedAsync(AcceptedTarget, AcceptedAfterRecovery, TimeSpan.FromSeconds(180), diagnostics);
        await load.StopAsync();
        var loadEnded = phases.Elapsed;

        var audit = await CommandAudit.RunAsync(api, guests, load.Accepted);
        var report = new FaultReport(name, guests.Count, load.Accepted.Count, audit, load.Errors, load.Abandoned, load.Recovery, load.LongestWait, restored);
        output.WriteLine(report.Details);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"phases: guests and load up to the fault {beforeFault.TotalSeconds:F1} s, fault to end of load {(loadEnded - beforeFault).TotalSeconds:F1} s, audit {(phases.Elapsed - loadEnded).TotalSeconds:F1} s"));
        await File.AppendAllTextAsync(ResultsFile, $"{DateTime.UtcNow:u} {report.Row}{Environment.NewLine}");
        return report;
    }

    /// <summary>The guarantees of issue 15: nothing acknowledged is lost, nothing is applied twice, no 500.</summary>
    public static void AssertNothingLostOrDoubled(FaultReport report, Func<string> diagnostics)
    {
        var details = report.Details + Environment.NewLine + diagnostics();
        Assert.True(report.Players >= Players, details);
        Assert.True(report.Accepted >= AcceptedTarget, details);
        Assert.True(report.Recovery is not null, "No 202 after the fault." + Environment.NewLine + details);
        Assert.True(report.Audit.Lost == 0, $"{report.Audit.Lost} accepted clicks lost.{Environment.NewLine}{details}");
        Assert.True(report.Audit.Doubled == 0, $"{report.Audit.Doubled} clicks applied twice.{Environment.NewLine}{details}");
        Assert.False(report.ClientErrors.ContainsKey("500"), $"The API answered 500 during the fault.{Environment.NewLine}{details}");
        Assert.True(report.Abandoned.Count == 0, $"{report.Abandoned.Count} clicks were never accepted within {ClickLoad.RetryBound}.{Environment.NewLine}{details}");
        Assert.True(report.Audit.Problems.Count == 0, details);
        // A backlog drained after the fault reaches the worker faster than the clicks were made; the click rate rule
        // may refuse some of it, which is the rules' answer applied once, not a loss. Any other refusal is a bug.
        Assert.All(report.Audit.Rejected.Keys, code => Assert.Equal("RATE_LIMITED_ACTION", code));
    }
}
