using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace LlamaWoolFarm.Monitoring.Tests;

/// <summary>Where the test's Alertmanager delivers notifications: every alert of every webhook call, as received.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonElement> _alerts = new();

    public WebhookReceiver()
    {
        var port = LlamaWoolFarm.Testing.TestServers.FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/alerts/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    public Uri Address { get; }

    public IReadOnlyList<JsonElement> Alerts => [.. _alerts];

    /// <summary>The first firing alert named <paramref name="name"/> with the given label, or null at the deadline.</summary>
    public async Task<JsonElement?> WaitForFiringAsync(string name, string label, string value, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var alert in _alerts)
            {
                var labels = alert.GetProperty("labels");
                if (alert.GetProperty("status").GetString() == "firing"
                    && labels.GetProperty("alertname").GetString() == name
                    && labels.TryGetProperty(label, out var actual) && actual.GetString() == value)
                {
                    return alert;
                }
            }

            await Task.Delay(250);
        }

        return null;
    }

    public void Dispose() => _listener.Close();

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var body = await JsonDocument.ParseAsync(context.Request.InputStream))
            {
                foreach (var alert in body.RootElement.GetProperty("alerts").EnumerateArray())
                {
                    _alerts.Enqueue(alert.Clone());
                }
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
