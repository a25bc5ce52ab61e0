using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// The server adapter of the analytics port: InfluxDB over the v1 HTTP API (<c>POST /write</c> with line protocol,
/// <c>/query</c> with InfluxQL), which InfluxDB 1.x, 2.x and 3.x all serve. A background sender writes the
/// buffered points in batches; each batch is retried by a Polly pipeline, and while the server stays unavailable
/// the batch is kept and tried again after a pause, so nothing is lost until the buffer bound is reached.
/// <see cref="WriteAsync"/> bypasses the buffer: its points go out in a request of their own (shared with
/// concurrent durable writes) and the call completes with that request's 2xx or throws.
/// </summary>
public sealed partial class InfluxAnalyticsStore : IAnalyticsStore, IAsyncDisposable
{
    private static readonly TimeSpan DropLogInterval = TimeSpan.FromSeconds(10);

    private readonly InfluxOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PointBuffer _buffer;
    private readonly ResiliencePipeline<WriteResult> _pipeline;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sender;
    private readonly Uri _writeUri;
    private readonly DurableWriteGroup _durable;
    private long _durableAccepted;
    private long _written;
    private long _dropped;
    private long _rejected;
    private long _lastDropLogTicks = long.MinValue;
    private bool _databaseReady;
    private string _lastError = string.Empty;

    public InfluxAnalyticsStore(InfluxOptions options, ILogger<InfluxAnalyticsStore>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBufferedPoints, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchPoints, 1);
        _options = options;
        _logger = logger ?? NullLogger<InfluxAnalyticsStore>.Instance;
        _time = time ?? TimeProvider.System;
        _buffer = new PointBuffer(options.MaxBufferedPoints);
        // Each request carries its own timeout (the pipeline's); the client's would cancel retries too.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = options.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (options.Username is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        }

        _writeUri = new Uri($"write?db={Uri.EscapeDataString(options.Database)}&precision=ns", UriKind.Relative);
        _pipeline = new ResiliencePipelineBuilder<WriteResult> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<WriteResult>
            {
                ShouldHandle = new PredicateBuilder<WriteResult>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r == WriteResult.Unavailable),
                MaxRetryAttempts = Math.Max(1, options.RetryAttempts),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
        _durable = new DurableWriteGroup(options.MaxBatchPoints, SendDurableAsync, _stopping.Token);
        _sender = Task.Run(() => SendLoopAsync(_stopping.Token));
    }

    private enum WriteResult
    {
        Written,
        Rejected,
        Unavailable,
    }

    public AnalyticsWriteStats Stats => new(_buffer.Accepted + Interlocked.Read(ref _durableAccepted), Interlocked.Read(ref _written), _buffer.Held, Interlocked.Read(ref _dropped), Interlocked.Read(ref _rejected));

    public int Write(IReadOnlyList<AnalyticsPoint> points)
    {
        var lines = Encode(points);
        var taken = _buffer.Add(lines);
        if (taken < lines.Length)
        {
            OnDropped(lines.Length - taken);
        }

        return taken;
    }

    public async Task WriteAsync(IReadOnlyList<AnalyticsPoint> points, CancellationToken cancellationToken = default)
    {
        var lines = Encode(points);
        if (lines.Length == 0)
        {
            return;
        }

        Interlocked.Add(ref _durableAccepted, lines.Length);
        try
        {
            await _durable.WriteAsync(lines, cancellationToken);
        }
        catch (InvalidDataException)
        {
            // Counted here, once per caller: a shared request refused is sent again call by call before anyone is told.
            Interlocked.Add(ref _rejected, lines.Length);
            AnalyticsMeters.Rejected.Add(lines.Length);
            throw;
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = _buffer.Accepted;
        while (_buffer.Completed < target)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<AnalyticsBucket>> AggregateAsync(AnalyticsAggregate query, CancellationToken cancellationToken = default)
    {
        AnalyticsBuckets.Validate(query);
        var function = query.Function switch
        {
            AggregateFunction.Count => $"COUNT({InfluxQl.Identifier(query.Field)})",
            AggregateFunction.Sum => $"SUM({InfluxQl.Identifier(query.Field)})",
            _ => $"COUNT(DISTINCT({InfluxQl.Identifier(query.Field)}))",
        };
        var where = new StringBuilder($"time >= {InfluxQl.Time(query.From)} AND time < {InfluxQl.Time(query.To)}");
        foreach (var (key, value) in query.Tags ?? new Dictionary<string, string>())
        {
            where.Append(CultureInfo.InvariantCulture, $" AND {InfluxQl.Identifier(key)}::tag = {InfluxQl.Literal(value)}");
        }

        var statement = $"SELECT {function} FROM {InfluxQl.Identifier(query.Measurement)} WHERE {where} GROUP BY time({InfluxQl.Duration(query.Window)}) fill(none)";
        var values = new Dictionary<long, double>();
        foreach (var row in await SelectAsync(statement, cancellationToken))
        {
            if (row.GetArrayLength() >= 2 && row[1].ValueKind == JsonValueKind.Number)
            {
                values[row[0].GetInt64()] = row[1].GetDouble();
            }
        }

        return AnalyticsBuckets.Fill(query, values);
    }

    public async Task<IReadOnlySet<string>> DistinctAsync(string measurement, string field, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var statement = $"SELECT DISTINCT({InfluxQl.Identifier(field)}) FROM {InfluxQl.Identifier(measurement)} WHERE time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)}";
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in await SelectAsync(statement, cancellationToken))
        {
            if (row.GetArrayLength() >= 2 && row[1].ValueKind != JsonValueKind.Null)
            {
                values.Add(row[1].ValueKind == JsonValueKind.String ? row[1].GetString()! : row[1].GetRawText());
            }
        }

        return values;
    }

    public async Task DeleteByTagAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        // Points still buffered for the player would otherwise arrive after the delete.
        await FlushAsync(cancellationToken);
        if (!await EnsureDatabaseAsync(cancellationToken))
        {
            throw new AnalyticsStoreUnavailableException($"InfluxDB at {_options.BaseAddress} did not answer: {_lastError}");
        }

        await RunAsync(HttpMethod.Post, $"DROP SERIES WHERE {InfluxQl.Identifier(key)} = {InfluxQl.Literal(value)}", cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            using var response = await _http.GetAsync(new Uri("ping", UriKind.Relative), timeout.Token);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Give buffered points a short chance to leave before the process ends.
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
        {
            try
            {
                await FlushAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _logger.LogWarning("Analytics: {Held} points were still buffered for InfluxDB at shutdown and are lost.", _buffer.Held);
            }
        }

        await _stopping.CancelAsync();
        try
        {
            await _sender;
        }
        catch (OperationCanceledException)
        {
            // The sender ends by cancellation.
        }

        _stopping.Dispose();
        _http.Dispose();
    }

    private static string[] Encode(IReadOnlyList<AnalyticsPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var lines = new string[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            lines[i] = LineProtocol.Encode(points[i]);
        }

        return lines;
    }
}
