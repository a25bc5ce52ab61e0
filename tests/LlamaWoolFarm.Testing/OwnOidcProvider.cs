using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// A real OpenID provider of one test class: the npm package <c>oidc-provider</c> (a certified implementation) run by
/// <c>tests/oidc-provider-fixture/server.mjs</c> on a free loopback port, with one public client (<see cref="ClientId"/>,
/// PKCE required). Its RSA signing key is made when the process starts and published at its <c>/jwks</c> through its
/// discovery document; <see cref="RotateKeysAsync"/> restarts it on the same port with a new key. The fixture's
/// <c>node_modules</c> come from <c>npm ci</c> in that folder (<c>.ci/run</c> does it); node is <c>node</c> on the PATH,
/// or <c>LWF_TEST_NODE</c>.
/// </summary>
public sealed class OwnOidcProvider : IAsyncDisposable
{
    public const string ClientId = "lwf-test";

    /// <summary>The redirect URI registered for <see cref="ClientId"/> unless the test gives its own.</summary>
    public const string DefaultRedirectUri = "http://127.0.0.1/callback";

    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _folder;
    private Process? _process;

    private OwnOidcProvider(string folder, int port, string redirectUri)
    {
        _folder = folder;
        Port = port;
        RedirectUri = redirectUri;
    }

    /// <summary>The redirect URI registered for <see cref="ClientId"/> (a web client's page, in browser tests).</summary>
    public string RedirectUri { get; }

    public int Port { get; }

    /// <summary>The provider's issuer (and authority): <c>http://127.0.0.1:{port}</c>.</summary>
    public string Issuer => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The key id of the provider's current signing key.</summary>
    public string KeyId { get; private set; } = string.Empty;

    /// <summary>Starts the provider and waits until it listens; says plainly what is missing when it cannot start.</summary>
    public static async Task<OwnOidcProvider> StartAsync(string redirectUri = DefaultRedirectUri)
    {
        var folder = FixtureFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"The OpenID provider fixture has no node_modules: run `npm ci` in {folder} (as .ci/run does).");
        }

        // A second attempt on another port: a free port can be taken before node binds it, and a provider that did not
        // report within the wait on a starved machine may start the next time.
        for (var attempt = 1; ; attempt++)
        {
            var provider = new OwnOidcProvider(folder, TestServers.FreePort(), redirectUri);
            try
            {
                await provider.StartProcessAsync();
                return provider;
            }
            catch (InvalidOperationException) when (attempt < 2)
            {
                await provider.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// An ID token signed with the provider's current key (its test-only route). Claims not given are what the provider
    /// would put: its issuer, <see cref="ClientId"/> as audience, five minutes of life.
    /// </summary>
    public async Task<string> IdTokenAsync(string subject, string? nonce, string? audience = null, string? issuer = null, int? expiresInSeconds = null)
    {
        using var response = await _http.PostAsJsonAsync(
            new Uri($"{Issuer}/test/id-token"),
            new { sub = subject, nonce, audience, issuer, expiresIn = expiresInSeconds });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The OpenID provider fixture refused to issue a token ({(int)response.StatusCode}): {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("idToken").GetString()!;
    }

    /// <summary>
    /// The real flow a player's client runs: authorization code + PKCE through the provider's own (development)
    /// login and consent pages, driven over HTTP as a browser would, then the code exchanged at the token endpoint.
    /// Answers the ID token the provider itself issued, with <paramref name="nonce"/> as its nonce.
    /// </summary>
    public async Task<string> SignInThroughBrowserFlowAsync(string login, string nonce)
    {
        var verifier = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(Issuer),
            Timeout = TimeSpan.FromSeconds(10),
        };
        var next = new Uri(
            $"{Issuer}/auth?client_id={ClientId}&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(RedirectUri)}" +
            $"&state={state}&nonce={Uri.EscapeDataString(nonce)}&code_challenge={challenge}&code_challenge_method=S256");
        for (var step = 0; step < 12; step++)
        {
            using var response = await browser.GetAsync(next);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                next = new Uri(new Uri(Issuer), response.Headers.Location!);
                if (next.ToString().StartsWith(RedirectUri, StringComparison.Ordinal))
                {
                    var query = System.Web.HttpUtility.ParseQueryString(next.Query);
                    if (query["state"] != state || query["code"] is not { } code)
                    {
                        throw new InvalidOperationException($"The provider redirected back without a code for this state: {next}");
                    }

                    return await ExchangeAsync(browser, code, verifier);
                }

                continue;
            }

            // A login or consent page: submit its form as a player would.
            var action = System.Text.RegularExpressions.Regex.Match(body, "<form[^>]*action=\"([^\"]+)\"").Groups[1].Value;
            var prompt = System.Text.RegularExpressions.Regex.Match(body, "name=\"prompt\" value=\"([a-z]+)\"").Groups[1].Value;
            if (action.Length == 0 || prompt.Length == 0)
            {
                throw new InvalidOperationException($"The provider answered {(int)response.StatusCode} without a form: {body[..Math.Min(body.Length, 500)]}");
            }

            var fields = new Dictionary<string, string> { ["prompt"] = prompt };
            if (prompt == "login")
            {
                fields["login"] = login;
                fields["password"] = "any password";
            }

            using var submitted = await browser.PostAsync(new Uri(new Uri(Issuer), System.Net.WebUtility.HtmlDecode(action)), new FormUrlEncodedContent(fields));
            if ((int)submitted.StatusCode is < 300 or >= 400)
            {
                throw new InvalidOperationException($"The provider's {prompt} form answered {(int)submitted.StatusCode}: {await submitted.Content.ReadAsStringAsync()}");
            }

            next = new Uri(new Uri(Issuer), submitted.Headers.Location!);
        }

        throw new InvalidOperationException("The provider's flow did not come back to the redirect URI.");
    }

    /// <summary>A key rotation: the provider restarts on the same port with a new signing key (the old one is gone).</summary>
    public async Task RotateKeysAsync()
    {
        var old = KeyId;
        await StopAsync();
        await StartProcessAsync();
        if (KeyId == old)
        {
            throw new InvalidOperationException("The OpenID provider restarted with the same key.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }

    private async Task<string> ExchangeAsync(HttpClient browser, string code, string verifier)
    {
        using var response = await browser.PostAsync(new Uri($"{Issuer}/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId,
            ["code_verifier"] = verifier,
        }));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.GetProperty("id_token").GetString()!
            : throw new InvalidOperationException($"The token endpoint answered {(int)response.StatusCode}: {body}");
    }

    private static string FixtureFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "oidc-provider-fixture");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/oidc-provider-fixture/server.mjs was not found above {AppContext.BaseDirectory}.");
    }

    private async Task StartProcessAsync()
    {
        var node = Environment.GetEnvironmentVariable("LWF_TEST_NODE") ?? "node";
        var info = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder };
        info.ArgumentList.Add("server.mjs");
        info.Environment["PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["CLIENT_ID"] = ClientId;
        info.Environment["REDIRECT_URI"] = RedirectUri;
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The OpenID provider fixture needs Node.js ({node}; set LWF_TEST_NODE to another): {e.Message}", e);
        }

        process.OutputDataReceived += (_, e) =>
        {
            Keep(e.Data);
            if (e.Data?.StartsWith("READY ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(e.Data.Split(' ')[2]);
            }
        };
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != ready.Task)
        {
            var why = first == exited ? $"node exited with code {process.ExitCode}" : "no READY line within 60 s";
            await StopAsync();
            throw new InvalidOperationException($"The OpenID provider fixture did not start on port {Port} ({why}): {string.Join(Environment.NewLine, _output)}");
        }

        KeyId = await ready.Task;
    }

    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 200)
        {
            _output.Enqueue(line);
        }
    }
}
