using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>
/// The few calls of the public API the suite makes, for many guests over one connection pool, and never throwing for
/// an answer the fault may cause: the caller counts and retries.
/// </summary>
internal sealed class GameApi : IDisposable
{
    private readonly HttpClient _http;

    public GameApi(Uri gateway) =>
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = gateway,
            // A request held by a gateway waiting for its broker is retried after this, as a mobile client does.
            Timeout = TimeSpan.FromSeconds(10),
        };

    public async Task<IReadOnlyList<Guest>> CreateGuestsAsync(int count)
    {
        var guests = new List<Guest>();
        for (var i = 0; i < count; i++)
        {
            var data = await SignInGuestAsync("fault-" + Guid.NewGuid().ToString("N"));
            guests.Add(new Guest(data.GetProperty("playerId").GetGuid(), data.GetProperty("accessToken").GetString()!));
        }

        return guests;
    }

    /// <summary>
    /// Signs in a guest device, again with the same device id (the same account) while the answer is a timeout or a
    /// 5xx: the first requests to cold processes on a loaded 2-core machine can take longer than the client waits.
    /// </summary>
    private async Task<JsonElement> SignInGuestAsync(string deviceId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync("/api/v1/auth/guest", new { deviceId });
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.True(response.IsSuccessStatusCode, body.ToString());
                    return body.GetProperty("data").Clone();
                }
            }
            catch (Exception e) when (e is TaskCanceledException or HttpRequestException && DateTime.UtcNow <= deadline)
            {
            }

            await Task.Delay(500);
        }
    }

    /// <summary>POSTs a click batch with the key; the command id of a 202 or why there is none.</summary>
    public async Task<ClickAnswer> ClickAsync(Guest guest, string key, int quantity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/game/actions")
        {
            Content = JsonContent.Create(new { type = "click", quantity }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", guest.AccessToken);
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using var json = JsonDocument.Parse(body);
                return new ClickAnswer(json.RootElement.GetProperty("data").GetProperty("commandId").GetGuid(), "202", false, null, null);
            }

            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? TimeSpan.FromTicks(Math.Min(delta.Ticks, TimeSpan.FromSeconds(2).Ticks)) : (TimeSpan?)null;
            return ClickAnswer.Failed(response.StatusCode, retryAfter, body);
        }
        catch (HttpRequestException e)
        {
            return new ClickAnswer(null, "connection", true, null, e.Message);
        }
        catch (TaskCanceledException e)
        {
            return new ClickAnswer(null, "timeout", true, null, e.Message);
        }
    }

    /// <summary>GETs an API path as the guest; the envelope's data, or null when the answer is not a success.</summary>
    public async Task<JsonElement?> GetDataAsync(Guest guest, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", guest.AccessToken);
        try
        {
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("data").Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
