using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>The sending half of the InfluxDB adapter: the background sender, batch writes with their retries, and the HTTP calls.</summary>
public sealed partial class InfluxAnalyticsStore
{
    // One request of the durable path, with the same retries as the background sender but no pause-and-retry loop:
    // its caller (a consumer) is the one to retry later, so an outage surfaces as an exception instead of a wait.
    private async Task SendDurableAsync(IReadOnlyList<string> lines, CancellationToken stopping)
    {
        switch (await WriteBatchAsync(lines, stopping))
        {
            case WriteResult.Written:
                Interlocked.Add(ref _written, lines.Count);
                AnalyticsMeters.Written.Add(lines.Count);
                return;
            case WriteResult.Rejected:
                throw new InvalidDataException($"InfluxDB refused {lines.Count} analytics points: {_lastError}");
            default:
                throw new AnalyticsStoreUnavailableException($"InfluxDB at {_options.BaseAddress} did not take {lines.Count} analytics points: {_lastError}");
        }
    }

    private void OnDropped(int count)
    {
        var total = Interlocked.Add(ref _dropped, count);
        AnalyticsMeters.Dropped.Add(count);
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastDropLogTicks);
        if (now - last >= DropLogInterval.Ticks && Interlocked.CompareExchange(ref _lastDropLogTicks, now, last) == last)
        {
            _logger.LogWarning(
                "Analytics buffer full ({Capacity} points, InfluxDB at {Address} not keeping up: {Error}); dropped {Count} points, {Total} since start.",
                _options.MaxBufferedPoints, _options.BaseAddress, _lastError, count, total);
        }
    }

    private async Task SendLoopAsync(CancellationToken stopping)
    {
        var unavailable = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var batch = await _buffer.NextBatchAsync(_options.MaxBatchPoints, stopping);
                var result = await WriteBatchAsync(batch, stopping);
                if (result == WriteResult.Unavailable)
                {
                    if (!unavailable)
                    {
                        _logger.LogWarning(
                            "InfluxDB at {Address} is unavailable ({Error}); {Held} analytics points buffered, retrying every {Pause}.",
                            _options.BaseAddress, _lastError, _buffer.Held, _options.UnavailablePause);
                        unavailable = true;
                    }

                    await Task.Delay(_options.UnavailablePause, _time, stopping);
                    continue;
                }

                if (unavailable)
                {
                    _logger.LogInformation("InfluxDB at {Address} is reachable again; sending {Held} buffered analytics points.", _options.BaseAddress, _buffer.Held);
                    unavailable = false;
                }

                var count = _buffer.CompleteBatch();
                if (result == WriteResult.Written)
                {
                    Interlocked.Add(ref _written, count);
                    AnalyticsMeters.Written.Add(count);
                }
                else
                {
                    Interlocked.Add(ref _rejected, count);
                    AnalyticsMeters.Rejected.Add(count);
                    _logger.LogError("InfluxDB refused a batch of {Count} analytics points: {Error}", count, _lastError);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The sender must outlive any surprise, or every later point would pile up unsent.
                _logger.LogError(e, "The analytics sender failed; it carries on.");
                await Task.Delay(_options.UnavailablePause, _time, stopping);
            }
        }
    }

    private async Task<WriteResult> WriteBatchAsync(IReadOnlyList<string> batch, CancellationToken stopping)
    {
        try
        {
            if (!await EnsureDatabaseAsync(stopping))
            {
                return WriteResult.Unavailable;
            }

            var body = LineProtocol.EncodeBatch(batch);
            return await _pipeline.ExecuteAsync(static async (state, ct) => await state.Self.PostBatchAsync(state.Body, ct), (Self: this, Body: body), stopping);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            _lastError = e.Message;
            return WriteResult.Unavailable;
        }
    }

    private async ValueTask<WriteResult> PostBatchAsync(string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        try
        {
            using var response = await _http.PostAsync(_writeUri, content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return WriteResult.Written;
            }

            _lastError = $"{(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync(cancellationToken))}";
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    // The database was dropped behind our back: create it again before the retry.
                    _databaseReady = false;
                    await EnsureDatabaseAsync(cancellationToken);
                    return WriteResult.Unavailable;
                case HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge:
                    return WriteResult.Rejected;
                default:
                    return WriteResult.Unavailable;
            }
        }
        catch (HttpRequestException e)
        {
            _lastError = e.Message;
            throw;
        }
    }

    private async Task<bool> EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_databaseReady)
        {
            return true;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            await RunAsync(HttpMethod.Post, $"CREATE DATABASE {InfluxQl.Identifier(_options.Database)}", timeout.Token);
            _databaseReady = true;
        }
        catch (AnalyticsStoreUnavailableException e)
        {
            _lastError = e.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _lastError = "timed out creating the database";
        }

        return _databaseReady;
    }

    private async Task<List<JsonElement>> SelectAsync(string statement, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        using var document = await RunAsync(HttpMethod.Get, statement, cancellationToken);
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                // A database nobody has written to yet holds no points.
                if (error.GetString()?.StartsWith("database not found", StringComparison.Ordinal) == true)
                {
                    continue;
                }

                throw new AnalyticsStoreUnavailableException($"InfluxDB refused the query: {error.GetString()}");
            }

            if (result.TryGetProperty("series", out var series))
            {
                rows.AddRange(series.EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray()).Select(r => r.Clone()));
            }
        }

        return rows;
    }

    private async Task<JsonDocument> RunAsync(HttpMethod method, string statement, CancellationToken cancellationToken)
    {
        var query = $"query?db={Uri.EscapeDataString(_options.Database)}&epoch=ns&q={Uri.EscapeDataString(statement)}";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            using var request = new HttpRequestMessage(method, new Uri(query, UriKind.Relative));
            using var response = await _http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new AnalyticsStoreUnavailableException($"InfluxDB answered {(int)response.StatusCode}: {Truncate(body)}");
            }

            return JsonDocument.Parse(body);
        }
        catch (HttpRequestException e)
        {
            throw new AnalyticsStoreUnavailableException($"InfluxDB at {_options.BaseAddress} did not answer: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AnalyticsStoreUnavailableException($"InfluxDB at {_options.BaseAddress} did not answer in {_options.RequestTimeout}.", e);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text.Trim() : text[..300];
}
