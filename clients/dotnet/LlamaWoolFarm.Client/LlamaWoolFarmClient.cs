using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlamaWoolFarm.Client;

/// <summary>
/// The Llama Wool Farm API for a game client: sign-in, the session's refresh-token rotation, commands with an
/// Idempotency-Key and retries, the realtime connection, leaderboards, saves and notifications. One instance per
/// player session; thread-safe.
/// </summary>
public sealed class LlamaWoolFarmClient : IDisposable
{
    private const string ApiPrefix = "api/v1/";
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly object _sessionGate = new();
    private readonly Random _jitter = new();
    private Session? _session;
    private Task<Session>? _refreshing;

    public LlamaWoolFarmClient(Uri baseAddress)
        : this(new LlamaWoolFarmClientOptions { BaseAddress = baseAddress })
    {
    }

    public LlamaWoolFarmClient(LlamaWoolFarmClientOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        var baseAddress = options.BaseAddress ?? throw new ArgumentException("BaseAddress is required.", nameof(options));
        _http = options.HttpMessageHandler is null ? new HttpClient() : new HttpClient(options.HttpMessageHandler, disposeHandler: false);
        _http.BaseAddress = baseAddress.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _http.Timeout = options.RequestTimeout;
    }

    /// <summary>Raised with the new tokens after every sign-in and refresh: persist <see cref="Session.RefreshToken"/> here.</summary>
    public event EventHandler<Session>? SessionChanged;

    /// <summary>Raised when the refresh token was refused: the player must sign in again.</summary>
    public event EventHandler? SessionExpired;

    public LlamaWoolFarmClientOptions Options { get; }

    public Session? Session
    {
        get
        {
            lock (_sessionGate)
            {
                return _session;
            }
        }
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Continues a session kept from an earlier run (its access token may have expired: a 401 refreshes it).</summary>
    public void UseSession(Session session)
    {
        SetSession(session ?? throw new ArgumentNullException(nameof(session)));
    }

    // ---- Sign-in -------------------------------------------------------------------------------------------

    /// <summary>Signs in as the guest of this device (the same device id finds the same player again).</summary>
    public Task<Session> SignInAsGuestAsync(string deviceId, CancellationToken cancellationToken = default) =>
        StartSessionAsync("auth/guest", new { deviceId }, authenticated: false, cancellationToken);

    public Task<Session> RegisterAsync(string email, string password, string? displayName = null, CancellationToken cancellationToken = default) =>
        StartSessionAsync("auth/register", new { email, password, displayName }, authenticated: false, cancellationToken);

    public Task<Session> SignInWithEmailAsync(string email, string password, string? twoFactorCode = null, CancellationToken cancellationToken = default) =>
        StartSessionAsync("auth/login", new { email, password, twoFactorCode }, authenticated: false, cancellationToken);

    /// <summary>Adds an email and password to the signed-in guest: same player id, same farm, new tokens.</summary>
    public Task<Session> LinkEmailAsync(string email, string password, CancellationToken cancellationToken = default) =>
        StartSessionAsync("auth/link", new { email, password }, authenticated: true, cancellationToken);

    /// <summary>Rotates the refresh token now (calls refresh by themselves on a 401; concurrent ones share one refresh).</summary>
    public Task<Session> RefreshAsync(CancellationToken cancellationToken = default) => RefreshSharedAsync(Session?.AccessToken, cancellationToken);

    /// <summary>Revokes this session's refresh token on the server and forgets the session.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        var session = Session;
        if (session is null)
        {
            return;
        }

        await SendAsync<JsonElement>(HttpMethod.Post, "auth/logout", new { refreshToken = session.RefreshToken }, true, null, cancellationToken).ConfigureAwait(false);
        lock (_sessionGate)
        {
            _session = null;
        }
    }

    // ---- Player and game -----------------------------------------------------------------------------------

    public Task<PlayerProfile> GetProfileAsync(CancellationToken cancellationToken = default) => GetAsync<PlayerProfile>("players/me", cancellationToken);

    public Task<PlayerProfile> SetDisplayNameAsync(string displayName, CancellationToken cancellationToken = default) =>
        SendAsync<PlayerProfile>(new HttpMethod("PATCH"), "players/me", new { displayName }, true, null, cancellationToken);

    public Task<GameState> GetStateAsync(CancellationToken cancellationToken = default) => GetAsync<GameState>("game/state", cancellationToken);

    /// <summary>The catalog (buildings, upgrades, achievements, wool types) as the server sends it.</summary>
    public Task<JsonElement> GetConfigAsync(CancellationToken cancellationToken = default) => GetAsync<JsonElement>("game/config", cancellationToken);

    /// <summary>
    /// Sends a game command. It carries an Idempotency-Key (a new one unless given) that every retry reuses, so a
    /// command is applied once however often it had to be sent. The outcome arrives as a push
    /// (<see cref="RealtimeConnection.WaitForCommandAsync"/>) or from <see cref="GetCommandAsync"/>.
    /// </summary>
    public async Task<CommandAccepted> SendActionAsync(GameAction action, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var key = idempotencyKey ?? NewIdempotencyKey();
        var attempts = 0;
        var accepted = await SendAsync<CommandAccepted>(HttpMethod.Post, "game/actions", action, true, key, cancellationToken, n => attempts = n).ConfigureAwait(false);
        accepted.IdempotencyKey = key;
        accepted.Attempts = attempts;
        return accepted;
    }

    public Task<CommandAccepted> ClickAsync(int quantity, CancellationToken cancellationToken = default) => SendActionAsync(GameAction.Click(quantity), null, cancellationToken);

    public Task<CommandAccepted> PurchaseBuildingAsync(string building, int quantity = 1, CancellationToken cancellationToken = default) =>
        SendActionAsync(GameAction.PurchaseBuilding(building, quantity), null, cancellationToken);

    public Task<CommandAccepted> PurchaseUpgradeAsync(string upgrade, CancellationToken cancellationToken = default) =>
        SendActionAsync(GameAction.PurchaseUpgrade(upgrade), null, cancellationToken);

    public Task<CommandAccepted> PrestigeAsync(CancellationToken cancellationToken = default) => SendActionAsync(GameAction.Prestige(), null, cancellationToken);

    public Task<CommandStatus> GetCommandAsync(Guid commandId, CancellationToken cancellationToken = default) =>
        GetAsync<CommandStatus>("commands/" + commandId.ToString("D"), cancellationToken);

    public Task<JsonElement> GetOfflineProgressAsync(CancellationToken cancellationToken = default) => GetAsync<JsonElement>("game/offline", cancellationToken);

    public Task<JsonElement> ClaimOfflineProgressAsync(CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, "game/offline/claim", null, true, NewIdempotencyKey(), cancellationToken);

    // ---- Leaderboards --------------------------------------------------------------------------------------

    public Task<LeaderboardPage> GetLeaderboardAsync(string category, int limit = 50, int offset = 0, string period = "allTime", string? season = null, CancellationToken cancellationToken = default) =>
        GetAsync<LeaderboardPage>(Board(category, string.Empty) + Query(("limit", limit.ToString(CultureInfo.InvariantCulture)), ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("period", period), ("season", season)), cancellationToken);

    public Task<LeaderboardPage> GetLeaderboardAroundMeAsync(string category, int? limit = null, string period = "allTime", CancellationToken cancellationToken = default) =>
        GetAsync<LeaderboardPage>(Board(category, "/around-me") + Query(("limit", limit?.ToString(CultureInfo.InvariantCulture)), ("period", period)), cancellationToken);

    public Task<LeaderboardPage> GetFriendsLeaderboardAsync(string category, string period = "allTime", CancellationToken cancellationToken = default) =>
        GetAsync<LeaderboardPage>(Board(category, "/friends") + Query(("period", period)), cancellationToken);

    public Task<LeaderboardRank> GetRankAsync(string category, string period = "allTime", CancellationToken cancellationToken = default) =>
        GetAsync<LeaderboardRank>(Board(category, "/rank") + Query(("period", period)), cancellationToken);

    // ---- Saves ---------------------------------------------------------------------------------------------

    /// <summary>Downloads the current save and checks its checksum (a mismatch throws: the save was damaged on its way).</summary>
    public async Task<SaveDownload> DownloadSaveAsync(CancellationToken cancellationToken = default)
    {
        var download = await GetAsync<SaveDownload>("saves/current", cancellationToken).ConfigureAwait(false);
        var computed = SaveChecksum.Compute(download.Save);
        if (!string.Equals(computed, download.Checksum, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The downloaded save's checksum {download.Checksum} does not match its content ({computed}).");
        }

        return download;
    }

    /// <summary>
    /// Uploads a save built on <paramref name="baseRevision"/> with its checksum (<see cref="SaveChecksum"/>) and an
    /// Idempotency-Key reused on retries. A stale base is 409 <c>SAVE_CONFLICT</c>; <paramref name="keep"/>
    /// (<c>server</c> or <c>device</c>) resolves a conflict.
    /// </summary>
    public Task<SaveUploadResult> UploadSaveAsync(long baseRevision, JsonObject save, string? keep = null, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["baseRevision"] = baseRevision,
            ["save"] = save?.DeepClone() ?? throw new ArgumentNullException(nameof(save)),
            ["checksum"] = SaveChecksum.Compute(save),
        };
        if (keep is not null)
        {
            body["keep"] = keep;
        }

        return SendAsync<SaveUploadResult>(HttpMethod.Put, "saves/current", body, true, idempotencyKey ?? NewIdempotencyKey(), cancellationToken);
    }

    public Task<JsonElement> GetSaveHistoryAsync(int limit = 20, CancellationToken cancellationToken = default) =>
        GetAsync<JsonElement>("saves/history" + Query(("limit", limit.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<JsonElement> GetBackupsAsync(CancellationToken cancellationToken = default) => GetAsync<JsonElement>("saves/backups", cancellationToken);

    public Task<JsonElement> CreateBackupAsync(CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, "saves/backups", null, true, NewIdempotencyKey(), cancellationToken);

    public Task<JsonElement> RestoreBackupAsync(Guid backupId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, "saves/backups/" + backupId.ToString("D") + "/restore", null, true, NewIdempotencyKey(), cancellationToken);

    // ---- Notifications -------------------------------------------------------------------------------------

    public Task<NotificationList> GetNotificationsAsync(bool unreadOnly = false, int limit = 50, CancellationToken cancellationToken = default) =>
        GetAsync<NotificationList>("notifications" + Query(("unreadOnly", unreadOnly ? "true" : "false"), ("limit", limit.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task MarkNotificationsReadAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, "notifications/read", new { ids = ids.ToList() }, true, NewIdempotencyKey(), cancellationToken);

    public Task MarkAllNotificationsReadAsync(CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Post, "notifications/read", new { all = true }, true, NewIdempotencyKey(), cancellationToken);

    // ---- Realtime ------------------------------------------------------------------------------------------

    /// <summary>
    /// Opens the realtime connection (hub <c>/hubs/game</c>) and returns once the server said <c>ready</c> and
    /// missed pushes were caught up. It reconnects by itself, catching up again after each reconnect.
    /// </summary>
    public async Task<RealtimeConnection> ConnectRealtimeAsync(long lastSeq = 0, CancellationToken cancellationToken = default)
    {
        var connection = new RealtimeConnection(this, lastSeq);
        try
        {
            await connection.StartAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The access token for the hub, refreshed first when it expires within <see cref="LlamaWoolFarmClientOptions.RefreshAhead"/>.</summary>
    internal async Task<string?> GetFreshAccessTokenAsync()
    {
        var session = Session;
        if (session is null)
        {
            return null;
        }

        if (session.AccessTokenExpiresAt - DateTimeOffset.UtcNow < Options.RefreshAhead)
        {
            session = await RefreshSharedAsync(session.AccessToken, CancellationToken.None).ConfigureAwait(false);
        }

        return session.AccessToken;
    }

    public void Dispose() => _http.Dispose();

    // ---- The HTTP core -------------------------------------------------------------------------------------

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => SendAsync<T>(HttpMethod.Get, path, null, true, null, cancellationToken);

    private async Task<Session> StartSessionAsync(string path, object body, bool authenticated, CancellationToken cancellationToken)
    {
        var tokens = await SendAsync<TokenResponse>(HttpMethod.Post, path, body, authenticated, null, cancellationToken).ConfigureAwait(false);
        return SetSession(ToSession(tokens));
    }

    /// <summary>
    /// One call with the client's policy: on 401 the session is refreshed once (shared with concurrent calls) and
    /// the call repeated; 503, 429 and 409 IDEMPOTENCY_KEY_IN_USE wait Retry-After (else an exponential backoff with
    /// jitter) and try again; a network failure is retried only when repeating is safe (a GET, PUT or DELETE, or a
    /// request with an Idempotency-Key). Every attempt carries the same Idempotency-Key.
    /// </summary>
    internal async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, bool authenticated, string? idempotencyKey, CancellationToken cancellationToken, Action<int>? attemptsMade = null)
    {
        var content = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), Json.Options);
        var repeatable = idempotencyKey is not null || method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete;
        var refreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            attemptsMade?.Invoke(attempt);
            var token = authenticated ? Session?.AccessToken ?? throw new InvalidOperationException("Sign in first.") : null;
            using var request = new HttpRequestMessage(method, ApiPrefix + path);
            if (content is not null)
            {
                request.Content = new StringContent(content, Encoding.UTF8);
                request.Content.Headers.ContentType = JsonMediaType;
            }

            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                if (!repeatable || attempt >= Options.MaxAttempts)
                {
                    throw;
                }

                await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var envelope = Parse(text);
                if (response.IsSuccessStatusCode && envelope.Success)
                {
                    return envelope.Data.ValueKind == JsonValueKind.Undefined ? default! : envelope.Data.Deserialize<T>(Json.Options)!;
                }

                var code = envelope.Code ?? response.StatusCode.ToString();
                if (response.StatusCode == HttpStatusCode.Unauthorized && authenticated && !refreshed && path != "auth/logout")
                {
                    // An expired access token: refresh once (every concurrent call waits for the same refresh) and repeat.
                    refreshed = true;
                    await RefreshSharedAsync(token, cancellationToken).ConfigureAwait(false);
                    attempt--;
                    continue;
                }

                var retriable = response.StatusCode is HttpStatusCode.ServiceUnavailable or (HttpStatusCode)429
                    || (response.StatusCode == HttpStatusCode.Conflict && code == "IDEMPOTENCY_KEY_IN_USE");
                if (retriable && attempt < Options.MaxAttempts)
                {
                    await Task.Delay(Backoff(attempt, response.Headers.RetryAfter), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new LlamaWoolFarmApiException(response.StatusCode, code, envelope.Message ?? response.ReasonPhrase ?? string.Empty, envelope.Details, envelope.RequestId);
            }
        }
    }

    private async Task<Session> RefreshSharedAsync(string? failedAccessToken, CancellationToken cancellationToken)
    {
        Task<Session> refreshing;
        lock (_sessionGate)
        {
            if (_session is null)
            {
                throw new InvalidOperationException("Sign in first.");
            }

            if (_refreshing is null && failedAccessToken is not null && _session.AccessToken != failedAccessToken)
            {
                // Another call refreshed while this one was failing: its new token is already here.
                return _session;
            }

            refreshing = _refreshing ??= RefreshOnceAsync(_session.RefreshToken);
        }

        try
        {
            // A caller's cancellation stops its wait, never the refresh the other callers share.
            return await WaitAsync(refreshing, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_sessionGate)
            {
                if (_refreshing == refreshing && refreshing.IsCompleted)
                {
                    _refreshing = null;
                }
            }
        }
    }

    private async Task<Session> RefreshOnceAsync(string refreshToken)
    {
        await Task.Yield();
        try
        {
            var tokens = await SendAsync<TokenResponse>(HttpMethod.Post, "auth/refresh", new { refreshToken }, false, null, CancellationToken.None).ConfigureAwait(false);
            return SetSession(ToSession(tokens));
        }
        catch (LlamaWoolFarmApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            SessionExpired?.Invoke(this, EventArgs.Empty);
            throw;
        }
    }

    private static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }

    private Session SetSession(Session session)
    {
        lock (_sessionGate)
        {
            _session = session;
        }

        SessionChanged?.Invoke(this, session);
        return session;
    }

    private static Session ToSession(TokenResponse tokens) => new()
    {
        PlayerId = tokens.PlayerId,
        AccessToken = tokens.AccessToken,
        RefreshToken = tokens.RefreshToken,
        AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn),
    };

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        TimeSpan delay;
        if (retryAfter?.Delta is { } delta)
        {
            delay = delta;
        }
        else if (retryAfter?.Date is { } date)
        {
            delay = date - DateTimeOffset.UtcNow;
        }
        else
        {
            double factor;
            lock (_jitter)
            {
                factor = 0.5 + _jitter.NextDouble();
            }

            delay = TimeSpan.FromMilliseconds(Options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1) * factor);
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > Options.MaxRetryDelay ? Options.MaxRetryDelay : delay;
    }

    private static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    private static string Board(string category, string suffix) => "leaderboards/" + Uri.EscapeDataString(category) + suffix;

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }

    private static Envelope Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var envelope = new Envelope
            {
                Success = root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True,
                Data = root.TryGetProperty("data", out var data) ? data.Clone() : default,
            };
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                envelope.Code = error.TryGetProperty("code", out var code) ? code.GetString() : null;
                envelope.Message = error.TryGetProperty("message", out var message) ? message.GetString() : null;
                envelope.Details = error.TryGetProperty("details", out var details) ? details.Clone() : null;
            }

            if (root.TryGetProperty("meta", out var meta) && meta.TryGetProperty("requestId", out var requestId))
            {
                envelope.RequestId = requestId.GetString();
            }

            return envelope;
        }
        catch (JsonException)
        {
            // Not an envelope (a proxy's error page): only the status tells what happened.
            return new Envelope { Message = text.Length > 200 ? text.Substring(0, 200) : text };
        }
    }

    private sealed class Envelope
    {
        public bool Success { get; set; }

        public JsonElement Data { get; set; }

        public string? Code { get; set; }

        public string? Message { get; set; }

        public JsonElement? Details { get; set; }

        public string? RequestId { get; set; }
    }
}
