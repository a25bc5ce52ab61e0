using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// Scale-out under load (issue 21, goal 6): two Workers.Host processes competing for the same game queue, two
/// gateways behind one address, two realtime services on the Redis backplane. Every accepted click is applied
/// exactly once and pushed exactly once, and every replica did part of the work.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int Players = 24;

    private const int AcceptedTarget = 1000;

    // One click per POST at most every 100 ms after the previous 202: half the 20-clicks-per-second rule, so a
    // refusal can only come from two of a player's clicks applied in another order than they were accepted.
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Two_workers_and_two_gateways_behind_one_address_apply_and_push_every_accepted_click_once()
    {
        var phases = Stopwatch.StartNew();
        await using var topology = await ScaleOutTopology.StartAsync();
        await using var proxy = new RoundRobinProxy([.. topology.Gateways.Select(g => g.BaseAddress)]);
        using var api = new GameApi(proxy.Address);
        var guests = await api.CreateGuestsAsync(Players);
        // Half the guests on each realtime: an event relayed by one reaches the other's connections over the backplane.
        PushRecorder[] recorders;
        try
        {
            recorders = await Task.WhenAll(guests.Select((g, i) => PushRecorder.ConnectAsync(topology.Realtimes[i % topology.Realtimes.Count].BaseAddress, g)));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            throw new InvalidOperationException("A hub connection failed." + Environment.NewLine + topology.Diagnostics(), e);
        }

        var started = phases.Elapsed;
        var before = await topology.SharesAsync();

        await using var load = ClickLoad.Start(api, guests, Pace);
        await load.WaitForAcceptedAsync(AcceptedTarget, 0, TimeSpan.FromSeconds(90), topology.Diagnostics);
        await load.StopAsync();
        var loadTook = phases.Elapsed - started;

        // Pushes and shares counted before the audit, whose re-POSTs and sentinel clicks are requests and pushes of their own.
        var pushes = await PushesAsync(recorders, load.Accepted, TimeSpan.FromSeconds(30));
        var shares = (await topology.SharesAsync()).Since(before);
        var audit = await CommandAudit.RunAsync(api, guests, load.Accepted);
        foreach (var recorder in recorders)
        {
            await recorder.DisposeAsync();
        }

        var report = string.Create(
            CultureInfo.InvariantCulture,
            $"""
             {Players} players, {load.Accepted.Count} clicks accepted in {loadTook.TotalSeconds:F1} s ({load.Accepted.Count / loadTook.TotalSeconds:F0}/s); start {started.TotalSeconds:F1} s, total {phases.Elapsed.TotalSeconds:F1} s
             audit: completed {audit.Completed}, lost {audit.Lost}, doubled {audit.Doubled}, rejected {FaultReport.Format(audit.Rejected)}, client errors {FaultReport.Format(load.Errors)}, abandoned {load.Abandoned.Count}
             pushes: {pushes}
             connections per gateway through the proxy: {string.Join(" / ", proxy.Connections)}
             {shares}
             """);
        output.WriteLine(report);
        var details = report + Environment.NewLine + string.Join(Environment.NewLine, audit.Problems.Take(30).Concat(load.Abandoned.Take(10)))
            + Environment.NewLine + topology.Diagnostics();

        Assert.True(load.Accepted.Count >= AcceptedTarget, details);
        Assert.True(load.Abandoned.Count == 0, details);
        Assert.False(load.Errors.ContainsKey("500"), details);
        Assert.True(audit.Lost == 0, $"{audit.Lost} accepted clicks lost.{Environment.NewLine}{details}");
        Assert.True(audit.Doubled == 0, $"{audit.Doubled} clicks applied twice.{Environment.NewLine}{details}");
        Assert.True(audit.Problems.Count == 0, details);
        // Two workers apply a player's clicks in another order than they were accepted; the players click at half the
        // click rule, and the rule spends one allowance in acceptance times whatever the order, so any refusal is a bug.
        Assert.True(audit.Rejected.Count == 0, $"Honest clicks refused.{Environment.NewLine}{details}");
        Assert.True(pushes.Missing == 0 && pushes.Duplicates == 0 && pushes.SeqReused == 0, details);
        Assert.Equal(audit.Completed, pushes.Completed);
        Assert.Equal(audit.Rejected.Values.Sum(), pushes.Rejected);
        Assert.All(proxy.Connections, connections => Assert.True(connections > 0, details));
        Assert.All(shares.Workers, consumed => Assert.True(consumed > 0, "A worker took no click batch." + Environment.NewLine + details));
        Assert.All(shares.Gateways, answered => Assert.True(answered > 0, "A gateway answered no click." + Environment.NewLine + details));
        Assert.All(shares.Realtimes, relayed => Assert.True(relayed > 0, "A realtime relayed no event." + Environment.NewLine + details));
    }

    /// <summary>
    /// Waits until every accepted click has a push (or <paramref name="timeout"/>), then counts them: a click with no
    /// push, a click pushed more than once (under any number), a push number given to two different pushes.
    /// </summary>
    private static async Task<PushAudit> PushesAsync(IReadOnlyList<PushRecorder> recorders, IReadOnlyCollection<AcceptedClick> accepted, TimeSpan timeout)
    {
        var ids = accepted.Select(c => c.CommandId).ToHashSet();
        var deadline = Stopwatch.StartNew();
        while (recorders.SelectMany(r => r.Pushes).Select(p => p.CommandId).Where(ids.Contains).Distinct().Count() < ids.Count && deadline.Elapsed < timeout)
        {
            await Task.Delay(250);
        }

        // A push sent twice would arrive right after the first.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var pushes = recorders.SelectMany(r => r.Pushes.Select(p => (Recorder: r, Push: p))).Where(p => ids.Contains(p.Push.CommandId)).ToList();
        var perCommand = pushes.GroupBy(p => p.Push.CommandId).ToList();
        var seqReused = recorders.Sum(r => r.Pushes.GroupBy(p => p.Seq).Count(g => g.Select(p => p.CommandId).Distinct().Count() > 1));
        return new PushAudit(
            pushes.Count(p => p.Push.Type == "commandCompleted"),
            pushes.Count(p => p.Push.Type == "commandRejected"),
            ids.Count - perCommand.Count,
            perCommand.Sum(g => g.Count() - 1),
            seqReused);
    }

    private sealed record PushAudit(int Completed, int Rejected, int Missing, int Duplicates, int SeqReused)
    {
        public override string ToString() =>
            $"commandCompleted {Completed}, commandRejected {Rejected}, accepted clicks with no push {Missing}, extra pushes of a click {Duplicates}, push numbers given to two clicks {SeqReused}";
    }
}
