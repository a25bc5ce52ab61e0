using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LlamaWoolFarm.Standalone.Tests;

// Its listener records every span of the process, so it never runs beside a test of what is recorded.
[Collection(nameof(TraceSamplingTests))]
public sealed class TracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        // Collects every finished span of this process, as an exporter would.
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task One_command_is_one_trace_from_the_http_request_through_the_worker_to_the_realtime_relay()
    {
        await using var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b.UseSetting("Storage:DataPath", TestServers.NewDataFolder()));
        using var http = factory.CreateClient();
        using var guest = await http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId = "trace-device-0001" });
        var token = (await guest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var completed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/game"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        hub.On<JsonElement>("ready", _ => ready.TrySetResult());
        hub.On<JsonElement>("commandCompleted", m => completed.TrySetResult(m));
        await hub.StartAsync();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // Other test classes of this assembly post actions at the same time: this request names its own trace.
        var traceId = ActivityTraceId.CreateRandom();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions") { Content = JsonContent.Create(new { type = "click", quantity = 3 }) };
        message.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var post = await http.SendAsync(message);
        var commandId = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("commandId").GetString();
        var push = await completed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(commandId, push.GetProperty("data").GetProperty("commandId").GetString());
        await Task.Delay(200);

        var request = _spans.Single(s => s.Kind == ActivityKind.Server && s.TraceId == traceId && s.DisplayName.Contains("/api/v1/game/actions", StringComparison.Ordinal));
        var trace = _spans.Where(s => s.TraceId == request.TraceId).ToList();
        var names = string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}"));
        Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && s.DisplayName.Contains("submit-clicks", StringComparison.Ordinal));
        Assert.True(trace.Exists(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && s.DisplayName.Contains("submit-clicks", StringComparison.Ordinal)), names);
        Assert.True(trace.Exists(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && s.DisplayName.Contains("game-state-changed-relay", StringComparison.Ordinal)), names);
    }

    public void Dispose() => _listener.Dispose();
}
