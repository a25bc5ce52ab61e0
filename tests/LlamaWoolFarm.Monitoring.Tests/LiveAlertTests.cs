using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Monitoring.Tests;

/// <summary>
/// The shipped rules on a real Prometheus scraping a running Standalone and the test RabbitMQ, notifying a real
/// Alertmanager: the metric names the rules use exist on the real targets, and injected faults fire alerts end to end.
/// </summary>
public sealed class LiveAlertTests : IAsyncLifetime
{
    private const string Job = "llamawoolfarm-standalone";
    private static readonly Uri Management = new("http://127.0.0.1:15672");

    private readonly string _folder = Directory.CreateTempSubdirectory("lwf-monitoring-").FullName;
    private readonly string _errorQueue = "lwf-monitoring-" + Guid.NewGuid().ToString("N")[..8] + "_error";
    private readonly WebhookReceiver _webhook = new();
    private ServiceProcess? _standalone;
    private MonitoringProcess? _alertmanager;
    private MonitoringProcess? _prometheus;

    public async Task InitializeAsync()
    {
        _standalone = await ServiceProcess.StartAsync("Standalone", "LlamaWoolFarm.Standalone", new Dictionary<string, string>
        {
            ["Auth__SigningKey"] = TestServers.NewSigningKey(),
            ["Storage__DataPath"] = TestServers.NewDataFolder(),
        });

        var alertmanagerConfig = Path.Combine(_folder, "alertmanager.yml");
        await File.WriteAllTextAsync(alertmanagerConfig, $"""
            route:
              receiver: test
              group_by: [alertname, job, queue]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: test
                webhook_configs:
                  - url: {_webhook.Address}
            """);
        _alertmanager = await MonitoringProcess.StartAlertmanagerAsync(alertmanagerConfig, Path.Combine(_folder, "alertmanager"));

        // The shipped rules as they are; only the scrape and evaluation intervals are shortened for the test.
        var prometheusConfig = Path.Combine(_folder, "prometheus.yml");
        await File.WriteAllTextAsync(prometheusConfig, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
              - {Path.Combine(ExternalTool.MonitoringFolder, "alerts.yml")}
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ["{_alertmanager.Address.Authority}"]
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: ["{_standalone.BaseAddress.Authority}"]
              - job_name: rabbitmq
                scrape_interval: 2s
                scrape_timeout: 2s
                metrics_path: /metrics/per-object
                static_configs:
                  - targets: ["127.0.0.1:15692"]
            """);
        _prometheus = await MonitoringProcess.StartPrometheusAsync(prometheusConfig, Path.Combine(_folder, "prometheus"));
    }

    public async Task DisposeAsync()
    {
        using (var broker = Broker())
        {
            await broker.DeleteAsync(new Uri($"/api/queues/%2F/{_errorQueue}", UriKind.Relative));
        }

        foreach (var process in new IAsyncDisposable?[] { _prometheus, _alertmanager, _standalone })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        _webhook.Dispose();
    }

    [Fact]
    public async Task A_crashed_Standalone_and_a_dead_lettered_message_fire_their_alerts_through_Alertmanager()
    {
        // Play a little, so the command path records the series the latency and error-rate rules read.
        await using (var player = await PlayerClient.StartAsGuestAsync(_standalone!.BaseAddress))
        {
            await player.ClickAsync(1);
        }

        await AssertSeriesAsync($"messaging_masstransit_delivery_duration_milliseconds_bucket{{job=\"{Job}\", messaging_masstransit_destination=\"submit-clicks\"}}");
        await AssertSeriesAsync($"http_server_request_duration_seconds_count{{job=\"{Job}\", http_response_status_code=\"202\"}}");
        await AssertSeriesAsync($"lwf_game_actions_total{{job=\"{Job}\", type=\"click\", outcome=\"completed\"}} == 1");
        await AssertSeriesAsync($"lwf_scheduler_overdue_seconds{{job=\"{Job}\"}}");
        await AssertSeriesAsync($"lwf_store_disk_free_bytes{{job=\"{Job}\"}} > 0");
        await AssertSeriesAsync($"lwf_store_size_bytes{{job=\"{Job}\"}} > 0");
        await AssertSeriesAsync($"up{{job=\"{Job}\"}} == 1");
        Assert.DoesNotContain(_webhook.Alerts, a => a.GetProperty("labels").GetProperty("alertname").GetString() == "LwfServiceDown");

        // Fault 1: a message that a consumer gave up on, in an error queue of the real broker.
        using (var broker = Broker())
        {
            (await broker.PutAsJsonAsync($"/api/queues/%2F/{_errorQueue}", new { durable = false, auto_delete = false })).EnsureSuccessStatusCode();
            (await broker.PostAsJsonAsync("/api/exchanges/%2F/amq.default/publish", new { properties = new { }, routing_key = _errorQueue, payload = "poison", payload_encoding = "string" })).EnsureSuccessStatusCode();
        }

        // Fault 2: the process dies (SIGKILL); Prometheus's scrapes fail from now on.
        await _standalone.KillAsync();

        // Both rules wait a minute before firing, so a blip does not page anyone.
        var down = await _webhook.WaitForFiringAsync("LwfServiceDown", "job", Job, TimeSpan.FromSeconds(150));
        var poison = await _webhook.WaitForFiringAsync("LwfErrorQueueNotEmpty", "queue", _errorQueue, TimeSpan.FromSeconds(30));

        Assert.True(down is not null, "LwfServiceDown never reached Alertmanager's receiver." + Diagnostics());
        Assert.Equal("critical", down.Value.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal($"{Job} at {_standalone.BaseAddress.Authority} does not answer /metrics", down.Value.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.True(poison is not null, "LwfErrorQueueNotEmpty never reached Alertmanager's receiver." + Diagnostics());
        Assert.Equal("1 messages wait in " + _errorQueue, poison.Value.GetProperty("annotations").GetProperty("summary").GetString());
    }

    private static HttpClient Broker()
    {
        var client = new HttpClient { BaseAddress = Management, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return client;
    }

    /// <summary>Waits until Prometheus's query <paramref name="query"/> returns at least one series.</summary>
    private async Task AssertSeriesAsync(string query)
    {
        using var http = new HttpClient { BaseAddress = _prometheus!.Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var body = await http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(query));
            last = body.ToString();
            if (body.GetProperty("data").GetProperty("result").GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"Prometheus has no series for {query}: {last}{Diagnostics()}");
    }

    private string Diagnostics() => string.Create(CultureInfo.InvariantCulture, $"""

        --- received: {string.Join(" | ", _webhook.Alerts.Select(a => a.GetProperty("labels").ToString()))}
        --- prometheus:
        {_prometheus?.Output}
        --- alertmanager:
        {_alertmanager?.Output}
        """);
}
