using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LlamaWoolFarm.Storage.Leaderboards;
using StackExchange.Redis;

namespace LlamaWoolFarm.Benchmarks;

/// <summary>
/// The leaderboard adapter on the real Redis (LWF_BENCH_REDIS, default 127.0.0.1:6379) with one million players,
/// seeded with pipelined batch scripts under a key prefix of its own and deleted afterwards. Rank queries are
/// measured one per iteration (2,000 iterations), so the p99 column is the 99th percentile of single queries;
/// updates are measured as the worker sends them (batches of 100) and as single submissions pipelined 1,000 at a time.
/// </summary>
[Config(typeof(Config))]
public class RedisLeaderboardBenchmarks
{
    public const int Players = 1_000_000;
    private const string Board = "bench:totalWool";

    private readonly Random _random = new(7);
    private IConnectionMultiplexer _redis = null!;
    private RedisLeaderboardStore _store = null!;
    private Guid[] _players = null!;
    private long _revision = 1;

    [GlobalSetup]
    public void Setup()
    {
        _redis = ConnectionMultiplexer.Connect(Environment.GetEnvironmentVariable("LWF_BENCH_REDIS") ?? "127.0.0.1:6379");
        _store = new RedisLeaderboardStore(_redis, "lwf-bench:" + Guid.NewGuid().ToString("N") + ":");
        _players = Enumerable.Range(0, Players).Select(_ => Guid.NewGuid()).ToArray();
        var at = DateTimeOffset.UtcNow;
        // Pipelined seeding: 16 batch scripts of 1,000 players in flight at a time.
        foreach (var wave in _players.Chunk(1000).Chunk(16))
        {
            Task.WaitAll(wave.Select(batch => _store.SubmitAsync(Board, batch.Select(p => new ScoreSubmission(p, 1, RandomScore(), at)).ToList())).ToArray());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DeleteAsync(Board).GetAwaiter().GetResult();
        _redis.Dispose();
    }

    /// <summary>One player's rank (hash lookup + ZREVRANK, two round trips).</summary>
    [Benchmark]
    [IterationCount(2000)]
    [InvocationCount(1, 1)]
    public Task<LeaderboardEntry?> RankQuery() => _store.GetEntryAsync(Board, _players[_random.Next(Players)]);

    /// <summary>A page of 50 from the middle of the board.</summary>
    [Benchmark]
    [IterationCount(2000)]
    [InvocationCount(1, 1)]
    public Task<IReadOnlyList<LeaderboardEntry>> TopPageQuery() => _store.GetTopAsync(Board, _random.Next(Players - 50), 50);

    /// <summary>100 score updates in one batch script, as the worker writes them; time is per update.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    [IterationCount(200)]
    [InvocationCount(1, 1)]
    public Task<IReadOnlyList<SubmissionResult>> UpdateBatchOf100()
    {
        var revision = Interlocked.Increment(ref _revision);
        var at = DateTimeOffset.UtcNow;
        return _store.SubmitAsync(Board, Enumerable.Range(0, 100).Select(_ => new ScoreSubmission(_players[_random.Next(Players)], revision, RandomScore(), at)).ToList());
    }

    /// <summary>1,000 single-player updates in flight at once (multiplexer pipelining); time is per update.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    [IterationCount(50)]
    [InvocationCount(1, 1)]
    public Task SingleUpdatesPipelined()
    {
        var revision = Interlocked.Increment(ref _revision);
        var at = DateTimeOffset.UtcNow;
        return Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => _store.SubmitAsync(Board, [new ScoreSubmission(_players[_random.Next(Players)], revision, RandomScore(), at)])));
    }

    private LeaderboardScore RandomScore() =>
        LeaderboardScore.Parse(string.Create(CultureInfo.InvariantCulture, $"{1 + (_random.NextDouble() * 9):R}e{_random.Next(0, 500)}"));

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(20).WithUnrollFactor(1));
            AddColumn(StatisticColumn.P95, new P99Column(), StatisticColumn.Max, new ThroughputColumn());
        }
    }

    /// <summary>The 99th percentile of the measured iterations.</summary>
    private sealed class P99Column : IColumn
    {
        public string Id => "P99";

        public string ColumnName => "P99";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => "99th percentile of one operation (iterations run one invocation each)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            return statistics is null ? "NA" : (statistics.Percentiles.Percentile(99) / 1_000_000).ToString("0.000 'ms'", CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }

    /// <summary>Operations per second from the mean time per operation.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => "OpsPerSecond";

        public string ColumnName => "Ops/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "operations per second (1 / mean time per operation)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            return statistics is null ? "NA" : (1e9 / statistics.Mean).ToString("N0", CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
