using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace LlamaWoolFarm.Fuzz.Tests;

/// <summary>
/// The fuzz suite: every operation of the served OpenAPI document gets bounded hostile input (a player's token, an
/// admin's on admin routes). Every answer must be below 500 and in the envelope, and requests sent in batches of
/// one operation that were all refused must leave the player's farm, save revision and profile as they were.
/// The seed is the UTC day unless FUZZ_SEED is set; it is printed with the counts.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;
    private const int BatchSize = 40;
    private const int Parallelism = 6;

    // Counted apart from enveloped 400s in the printed statuses.
    private const int BareKestrel400 = -400;

    private static int _resent;

    [Fact]
    public async Task Hostile_input_to_every_operation_is_refused_in_the_envelope_without_a_5xx_and_changes_nothing()
    {
        var seed = Environment.GetEnvironmentVariable("FUZZ_SEED") is { Length: > 0 } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : (int)(DateTime.UtcNow.Date - DateTime.UnixEpoch).TotalDays;
        output.WriteLine($"fuzz seed {seed} (FUZZ_SEED={seed} replays this run)");
        var input = new HostileInput(new Random(seed));
        await using var host = new FuzzHost();
        var device = $"fuzz-device-{seed}";
        var player = await host.GuestTokenAsync(device);
        var admin = await host.AdminTokenAsync();
        var operations = ApiSurface.Read(await host.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json"))
            .Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        Assert.True(operations.Count >= 30, $"the OpenAPI document lists only {operations.Count} operations");
        var methodsAtPath = operations.GroupBy(o => o.Path).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(o => o.Method).ToHashSet(StringComparer.Ordinal));

        var statuses = new ConcurrentDictionary<int, int>();
        var kinds = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<string>();
        int sent = 0, compared = 0, skipped = 0;
        var watch = Stopwatch.StartNew();
        var before = await PlayerSnapshot.TakeAsync(host, player);
        while (sent < Requests)
        {
            foreach (var operation in operations.TakeWhile(_ => sent < Requests))
            {
                // Generated in order before sending, so a seed always yields the same requests.
                var batch = Enumerable.Range(0, BatchSize).Select(_ => input.For(operation, methodsAtPath[operation.Path], before.Save, before.SaveRevision)).ToList();
                var token = operation.IsAdmin ? admin : player;
                var accepted = 0;
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (request, _) =>
                {
                    var (status, problem) = await SendAsync(host, request, token);
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    kinds.AddOrUpdate(request.Kind, 1, (_, n) => n + 1);
                    if (problem is not null)
                    {
                        failures.Enqueue($"{problem} <- {request}");
                    }

                    if (status is >= 200 and < 300 && request.Method != "GET")
                    {
                        Interlocked.Increment(ref accepted);
                    }
                });
                sent += batch.Count;

                if (accepted > 0)
                {
                    // A hostile-looking request that was valid may change the farm: this batch proves nothing.
                    skipped++;
                    await Task.Delay(300);
                    before = await PlayerSnapshot.TakeAsync(host, player);
                    continue;
                }

                var after = await PlayerSnapshot.TakeAsync(host, player);
                compared++;
                if (before.Difference(after) is { } difference)
                {
                    failures.Enqueue($"refused requests to {operation} changed the player: {difference}");
                }

                before = after;
            }
        }

        output.WriteLine($"seed {seed}: {sent} requests to {operations.Count} operations in {watch.Elapsed.TotalSeconds:0} s; " +
            $"state compared after {compared} all-refused batches, {skipped} batches with an accepted request not compared");
        output.WriteLine($"resent once after a closed connection: {_resent}");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        output.WriteLine("kinds: " + string.Join(", ", kinds.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}×{p.Value}")));
        Assert.True(sent >= Requests);
        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} failures, e.g.:\n" + string.Join("\n", failures.Take(25)));
    }

    /// <summary>The status and, when the answer breaks the contract, what is wrong with it.</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(FuzzHost host, HostileRequest request, string token, bool retried = false)
    {
        using var message = request.ToMessage(host.BaseAddress, token);
        HttpResponseMessage response;
        try
        {
            response = await host.Http.SendAsync(message);
        }
        catch (HttpRequestException) when (request.Body?.Length > Gateway.GatewayModule.MaxRequestBodyBytes)
        {
            // Kestrel may close a connection still sending more than the limit once it answered 413; counted as 0.
            return (0, null);
        }
        catch (HttpRequestException) when (!retried)
        {
            // A keep-alive connection the server closed after an earlier answer (after a 413, say) can fail the next
            // request sent on it before any byte of it was read; one resend on a fresh connection tells the cases apart.
            Interlocked.Increment(ref _resent);
            return await SendAsync(host, request, token, retried: true);
        }
        catch (HttpRequestException e)
        {
            return (0, $"no answer, twice ({e.InnerException?.Message ?? e.Message})");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                return (status, $"{status} {Shorten(text)}");
            }

            // Kestrel refuses a NUL in the decoded path while parsing the request line, before any middleware can
            // answer: a bare 400 (docs/operations.md, "Hostile input"). Nothing else may be bare.
            if (status == 400 && text.Length == 0 && request.Target.Split('?')[0].Contains("%00", StringComparison.Ordinal))
            {
                return (BareKestrel400, null);
            }

            JsonElement body;
            try
            {
                body = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException)
            {
                return (status, $"{status} not in the envelope: '{Shorten(text)}'");
            }

            var success = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("success", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False ? s.GetBoolean() : (bool?)null;
            var ok = status is >= 200 and < 300;
            if (success != ok)
            {
                return (status, $"{status} with success={success?.ToString() ?? "missing"}: {Shorten(text)}");
            }

            if (!ok && !(body.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 }
                && body.TryGetProperty("meta", out var meta) && meta.TryGetProperty("requestId", out _)))
            {
                return (status, $"{status} without error.code or meta.requestId: {Shorten(text)}");
            }

            return (status, null);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
