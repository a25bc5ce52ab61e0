using System.Diagnostics;
using System.Globalization;
using LlamaWoolFarm.LoadTest;

// The load tool: N simulated players over HTTP and SignalR against Standalone or the distributed topology.
// It stops by itself after warm-up + the measured seconds and only talks to the addresses it is given.
var options = LoadOptions.Parse(args);
var stats = new Stats();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    Timeout = TimeSpan.FromSeconds(30),
};

Console.WriteLine($"Connecting {options.Players} players to {options.Gateway} (hub {options.Realtime}) ...");
var players = new List<Player>();
using (var starting = new SemaphoreSlim(32))
{
    var start = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Players).Select(async _ =>
    {
        await starting.WaitAsync();
        try
        {
            var player = new Player(http, options, stats);
            await player.StartAsync(CancellationToken.None);
            lock (players)
            {
                players.Add(player);
            }
        }
        finally
        {
            starting.Release();
        }
    }));
    Console.WriteLine($"{players.Count} players connected in {start.Elapsed.TotalSeconds:F1} s");
}

var interval = options.Rate > 0 ? TimeSpan.FromSeconds(players.Count / options.Rate) : TimeSpan.Zero;
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.WarmupSeconds + options.Seconds));
var running = players.Select(p => Task.Run(async () =>
{
    try
    {
        await p.RunAsync(interval, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
})).ToList();

var clock = Stopwatch.StartNew();
long lastCompleted = 0, measuredFromCompleted = 0, measuredFromSent = 0;
var measuredStart = TimeSpan.Zero;
while (!stop.IsCancellationRequested)
{
    await Task.Delay(1000);
    if (!stats.Measuring && clock.Elapsed.TotalSeconds >= options.WarmupSeconds)
    {
        stats.Drain();
        stats.Measuring = true;
        measuredStart = clock.Elapsed;
        measuredFromCompleted = stats.CompletedCount;
        measuredFromSent = stats.SentCount;
    }

    var completed = stats.CompletedCount;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{clock.Elapsed.TotalSeconds,5:F0}s] {(stats.Measuring ? "measure" : "warm-up")} sent {stats.SentCount,9} done {completed,9} ({completed - lastCompleted,6}/s) rejected {stats.RejectedCount} shed {stats.ShedCount} http-errors {stats.HttpErrors}"));
    lastCompleted = completed;
}

await Task.WhenAll(running);
var window = clock.Elapsed - measuredStart;
var completedInWindow = stats.CompletedCount - measuredFromCompleted;
// Commands accepted just before the stop are still on their way: wait for their pushes (up to 10 s), so
// "unanswered" counts only commands whose push never came, not the last second's traffic.
var drainUntil = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
do
{
    await Task.Delay(250);
}
while (stats.SentCount > stats.CompletedCount && Stopwatch.GetTimestamp() < drainUntil);

var latencies = stats.Drain();
Array.Sort(latencies);
var throughput = completedInWindow / window.TotalSeconds;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"players {players.Count}, target rate {(options.Rate > 0 ? options.Rate.ToString("F0", CultureInfo.InvariantCulture) : "max")}, measured {window.TotalSeconds:F0} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {(stats.SentCount - measuredFromSent) / window.TotalSeconds:F0} commands/s, completed {throughput:F0} commands/s, rejected {stats.RejectedCount}, shed {stats.ShedCount} (503 OVERLOADED), http errors {stats.HttpErrors}, unanswered {stats.SentCount - stats.CompletedCount}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"command-to-push latency ms: p50 {Stats.Percentile(latencies, 0.50):F1}  p95 {Stats.Percentile(latencies, 0.95):F1}  p99 {Stats.Percentile(latencies, 0.99):F1}  max {(latencies.Length > 0 ? latencies[^1] : double.NaN):F1}  (n={latencies.Length})"));
foreach (var player in players)
{
    await player.DisposeAsync();
}

if (options.WindowSeconds > 0)
{
    Console.WriteLine();
    Console.WriteLine("by sending time (warm-up included):");
    foreach (var line in stats.Windows(options.WindowSeconds))
    {
        Console.WriteLine(line);
    }
}
