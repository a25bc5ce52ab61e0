using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>One Standalone and one headless Chromium shared by the web client's game tests; each test plays in a browser context of its own (a new guest).</summary>
public sealed class WebClientFixture : IAsyncLifetime
{
    public ServiceProcess Standalone { get; private set; } = null!;

    public string DataPath { get; } = TestServers.NewDataFolder();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Standalone = await StartStandaloneAsync(DataPath);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(Playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Standalone.DisposeAsync();
    }

    public static Task<ServiceProcess> StartStandaloneAsync(string dataPath) =>
        ServiceProcess.StartAsync("Standalone", "LlamaWoolFarm.Standalone", new Dictionary<string, string>
        {
            ["Storage__DataPath"] = dataPath,
            ["FeatureManagement__NightMarket"] = "false",
        });
}

/// <summary>
/// The web client as an idle game (issue 18 part 4), played in headless Chromium against a Standalone: locks and
/// their requirements, live affordability, friendly refusals, prestige, catalog names, welcome back, display names,
/// coalesced leaderboard reads, the connection status and the installable offline shell. Each test saves a
/// screenshot as artifacts/screenshots/web-client-game-*.png (docs/web-client.md lists them).
/// </summary>
public sealed class WebClientGameTests(WebClientFixture fixture) : IClassFixture<WebClientFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 20_000 };

    [Fact]
    public async Task A_locked_building_shows_its_requirement_and_cannot_be_bought()
    {
        var page = await NewGameAsync();
        var shears = page.Locator("[data-building='shears']");

        await Assertions.Expect(shears).ToHaveAttributeAsync("data-locked", "true");
        await Assertions.Expect(shears.Locator("[data-role=needs]")).ToContainTextAsync("Locked: needs Llama Barn level 5 (you have 0)");
        await Assertions.Expect(shears.Locator("[data-qty='1']")).ToBeDisabledAsync();
        await Assertions.Expect(shears.Locator("[data-qty='10']")).ToBeDisabledAsync();
        // The barn has no requirement: it is never shown locked.
        await Assertions.Expect(page.Locator("[data-building='barn']")).ToHaveAttributeAsync("data-locked", "false");
        // An upgrade that needs another upgrade says which, by name.
        await Assertions.Expect(page.Locator("[data-upgrade='click_power_2'] [data-role=needs]")).ToContainTextAsync("needs the Stronger Hands upgrade");
        await Screenshot(page, "1-locked");
    }

    [Fact]
    public async Task Costs_and_affordability_change_as_the_wool_grows()
    {
        var page = await NewGameAsync();
        var barn = page.Locator("[data-building='barn']");
        await Assertions.Expect(barn.Locator("[data-role=price]")).ToContainTextAsync("next: 10.0 Basic Wool");
        // A new farm has less than the barn's 10 wool: it cannot be bought yet.
        await Assertions.Expect(barn).ToHaveAttributeAsync("data-affordable", "false");
        await Assertions.Expect(barn.Locator("[data-qty='1']")).ToBeDisabledAsync();
        await Screenshot(page, "2a-unaffordable");

        for (var i = 0; i < 12; i++)
        {
            await page.GetByTestId("shear").ClickAsync();
        }

        await Assertions.Expect(barn).ToHaveAttributeAsync("data-affordable", "true", new LocatorAssertionsToHaveAttributeOptions { Timeout = 20_000 });
        await Assertions.Expect(barn.Locator("[data-qty='1']")).ToBeEnabledAsync();
        // Ten barns cost 203 wool: still out of reach.
        await Assertions.Expect(barn.Locator("[data-qty='10']")).ToBeDisabledAsync();
        await Screenshot(page, "2b-affordable");

        await barn.Locator("[data-qty='1']").ClickAsync();
        await Assertions.Expect(barn).ToContainTextAsync("level 1", new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
        // The next barn costs 10 × 1.15.
        await Assertions.Expect(barn.Locator("[data-role=price]")).ToContainTextAsync("next: 11.5 Basic Wool");
    }

    [Fact]
    public async Task A_refused_purchase_shows_a_friendly_message_naming_the_item()
    {
        var page = await NewGameAsync();
        // A page that has not caught up yet could still offer the button: enable it as such a page would.
        await page.EvaluateAsync("() => { const b = document.querySelector(\"[data-buy='shears'][data-qty='1']\"); b.disabled = false; b.click(); }");

        var toast = page.GetByTestId("toast");
        await Assertions.Expect(toast).ToHaveAttributeAsync("data-code", "BUILDING_LOCKED", new LocatorAssertionsToHaveAttributeOptions { Timeout = 20_000 });
        await Assertions.Expect(toast).ToHaveTextAsync("Auto Shears is still locked: needs Llama Barn level 5 (you have 0).");
        await Screenshot(page, "3-refusal");

        // A code this page does not know still reads as a sentence.
        var unknown = await page.EvaluateAsync<string>("() => lwf.messageFor('SOMETHING_NEW')");
        Assert.StartsWith("That did not work (SOMETHING_NEW).", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_refusal_code_the_server_can_answer_has_a_friendly_message()
    {
        var page = await NewGameAsync();
        var root = ServiceProcess.RepositoryRoot();
        // The files that declare the codes of the game, saves, profile and gateway answers and of their pushes.
        string[] sources =
        [
            "src/Gateway/LlamaWoolFarm.Gateway/Api/ErrorCodes.cs",
            "src/Domain/LlamaWoolFarm.Domain/Rules/ErrorCodes.cs",
            "src/Workers/LlamaWoolFarm.Workers.Game/Services/GameRefusals.cs",
            "src/Contracts/LlamaWoolFarm.Contracts/Accounts/AccountErrorCodes.cs",
            "src/Gateway/LlamaWoolFarm.Gateway/Services/SaveUploads.cs",
            "src/Workers/LlamaWoolFarm.Workers.Saves/Services/SaveSyncService.cs",
        ];
        var codes = sources
            .SelectMany(f => Regex.Matches(File.ReadAllText(Path.Combine(root, f)), "public const string \\w+ = \"([A-Z_]+)\";").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.Contains("INSUFFICIENT_RESOURCES", codes);
        Assert.Contains("MAINTENANCE", codes);
        Assert.Contains("UNKNOWN_BASE_REVISION", codes);

        var missing = new List<string>();
        foreach (var code in codes)
        {
            if (!await page.EvaluateAsync<bool>("c => lwf.hasMessage(c)", code))
            {
                missing.Add(code);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Prestige_is_disabled_until_allowed_then_shows_its_gain()
    {
        var page = await NewGameAsync();
        await ShearAsync(page, 3);
        var prestige = page.GetByTestId("prestige");
        await Assertions.Expect(prestige).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("prestige-hint")).ToContainTextAsync("Prestige needs 10.00M wool produced this run");
        await Screenshot(page, "4a-prestige-disabled");

        // 20 million wool this run allows a prestige worth ⌊log10(20e6 / 1e6)⌋ = 1 Soul Shear.
        await EditStateAsync(await PlayerIdAsync(page), "'$.state.runWoolProduced', '20000000', '$.state.lifetimeWoolProduced', '20000000'");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("sync")).ToHaveTextAsync("live", Slow);
        await Assertions.Expect(prestige).ToBeEnabledAsync();
        await Assertions.Expect(prestige).ToHaveTextAsync("Prestige: +1 Soul Shear");
        await Screenshot(page, "4b-prestige-enabled");

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await prestige.ClickAsync();
        await Assertions.Expect(page.GetByTestId("soul-shears")).ToHaveTextAsync("1.0", Slow);
        await Assertions.Expect(prestige).ToBeDisabledAsync();
        // The next one needs 10^(6 + 2) wool.
        await Assertions.Expect(page.GetByTestId("prestige-hint")).ToContainTextAsync("Prestige needs 100.00M wool produced this run");
    }

    [Fact]
    public async Task Names_come_from_the_catalog()
    {
        var page = await NewGameAsync();
        await ShearAsync(page, 2);

        await Assertions.Expect(page.Locator("[data-building='barn'] b")).ToHaveTextAsync("Llama Barn");
        await Assertions.Expect(page.Locator("[data-upgrade='click_power_1'] b")).ToHaveTextAsync("Stronger Hands");
        await Assertions.Expect(page.Locator("[data-wool-type='silver']")).ToContainTextAsync("Silver Wool");
        await Assertions.Expect(page.Locator("[data-wool-type='silver']")).ToContainTextAsync("unlocks at 100");
        // The first wool unlocks the "first_wool" achievement: shown by its name, never its id.
        var first = page.Locator("[data-achievement='first_wool']");
        await Assertions.Expect(first).ToHaveClassAsync("unlocked", new LocatorAssertionsToHaveClassOptions { Timeout = 20_000 });
        await Assertions.Expect(first).ToContainTextAsync("First Wool");
        await Assertions.Expect(page.GetByTestId("achievements")).Not.ToContainTextAsync("first_wool");
        await Assertions.Expect(page.GetByTestId("notifications")).ToContainTextAsync("Achievement unlocked: First Wool", new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
        await Screenshot(page, "5-names");

        // After a reload the stored notification (GET notifications) is listed, not only the live push.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("sync")).ToHaveTextAsync("live", Slow);
        await Assertions.Expect(page.GetByTestId("notifications")).ToContainTextAsync("Achievement unlocked: You unlocked the achievement 'first_wool'.", new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
    }

    [Fact]
    public async Task A_player_back_after_three_hours_sees_the_welcome_back_panel_and_collects()
    {
        var context = await NewContextAsync();
        var page = await OpenGameAsync(context);
        await ShearAsync(page, 2);
        var playerId = await PlayerIdAsync(page);
        await page.CloseAsync();

        // The absence: the server last saw the player 3 h 2 min ago (its state dated back, as the clock would have
        // moved); the first 2 min after the last activity count as online, 3 h as offline.
        var threeHoursAgo = DateTimeOffset.UtcNow.AddMinutes(-182).ToString("O", CultureInfo.InvariantCulture);
        await EditStateAsync(playerId, $"'$.state.lastActiveAt', '{threeHoursAgo}', '$.state.lastMaterializedAt', '{threeHoursAgo}'");

        page = await OpenGameAsync(context);
        var welcome = page.GetByTestId("welcome");
        await Assertions.Expect(welcome).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 20_000 });
        await Assertions.Expect(welcome).ToContainTextAsync("You were away for 3 h");
        // 3 h × 1.02 wool/s (the starting llama and the First Wool achievement) × 80% efficiency ≈ 8.81K.
        await Assertions.Expect(page.Locator("[data-gain='basic']")).ToContainTextAsync(new Regex("^8\\.[5-9]\\dK Basic Wool$"));
        await Assertions.Expect(welcome).ToContainTextAsync("Offline efficiency 80%");
        await Screenshot(page, "6-welcome-back");

        await page.GetByTestId("collect").ClickAsync();
        await Assertions.Expect(welcome).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("wool")).ToHaveTextAsync(new Regex("^8\\.\\d\\dK$"), Slow);
    }

    [Fact]
    public async Task A_guest_has_a_friendly_name_and_can_choose_a_display_name()
    {
        var page = await NewGameAsync();
        var name = page.GetByTestId("player-name");
        await Assertions.Expect(name).ToHaveTextAsync(new Regex("^Guest llama [0-9A-F]{4}$"), Slow);
        var expectedGuest = await page.EvaluateAsync<string>("() => lwf.guestName(lwf.playerId())");
        await Assertions.Expect(name).ToHaveTextAsync(expectedGuest);

        var chosen = $"Woolly {Guid.NewGuid().ToString("N")[..6]}";
        await page.GetByTestId("rename").ClickAsync();
        await page.GetByTestId("name-input").FillAsync(chosen);
        await page.GetByTestId("name-save").ClickAsync();
        await Assertions.Expect(name).ToHaveTextAsync(chosen, Slow);
        await Screenshot(page, "7a-display-name");

        // Kept by the server: a reload shows it again.
        await page.ReloadAsync();
        await Assertions.Expect(name).ToHaveTextAsync(chosen, Slow);

        // Another guest asking for the same name gets the friendly refusal.
        var other = await NewGameAsync();
        await other.GetByTestId("rename").ClickAsync();
        await other.GetByTestId("name-input").FillAsync(chosen);
        await other.GetByTestId("name-save").ClickAsync();
        await Assertions.Expect(other.GetByTestId("toast")).ToHaveTextAsync("Another llama farmer already has that name. Try another one.", Slow);
        await Assertions.Expect(other.GetByTestId("player-name")).ToHaveTextAsync(new Regex("^Guest llama "));
        await Screenshot(other, "7b-display-name-taken");
    }

    [Fact]
    public async Task Leaderboard_pushes_lead_to_at_most_one_read_per_board_every_five_seconds()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        // Every board read the page sends, with the browser's clock: fetch is wrapped before the page's scripts run
        // (the SDK calls it with a Request).
        await page.AddInitScriptAsync("(() => { const native = window.fetch; window.__boardReads = []; window.fetch = (input, init) => { const url = new URL(input instanceof Request ? input.url : String(input), location.href); if (url.pathname.startsWith('/api/v1/leaderboards/')) window.__boardReads.push({ path: url.pathname, at: Date.now() }); return native(input, init); }; })();");
        await page.GotoAsync(fixture.Standalone.BaseAddress.ToString());
        await Assertions.Expect(page.GetByTestId("sync")).ToHaveTextAsync("live", Slow);

        // Shearing every 250 ms changes the player's scores every second: the server pushes leaderboardUpdated
        // for each board about once a second.
        var until = DateTime.UtcNow.AddSeconds(16);
        while (DateTime.UtcNow < until)
        {
            await page.GetByTestId("shear").ClickAsync();
            await Task.Delay(250);
        }

        var pushes = await page.EvaluateAsync<int>("() => lwf.stats.boardPushes.totalWool ?? 0");
        Assert.True(pushes >= 5, $"Only {pushes} totalWool pushes arrived; the test needs a stream of them.");
        var seen = (await page.EvaluateAsync<BoardRead[]>("() => window.__boardReads"))
            .Select(r => (r.Path, At: DateTimeOffset.FromUnixTimeMilliseconds((long)r.At)))
            .ToList();
        var page1 = seen.Where(r => r.Path == "/api/v1/leaderboards/totalWool").ToList();
        Assert.NotEmpty(page1);
        foreach (var path in seen.Select(r => r.Path).Distinct())
        {
            var times = seen.Where(r => r.Path == path).Select(r => r.At).Order().ToList();
            for (var i = 1; i < times.Count; i++)
            {
                // 5 s apart, less a little for timer jitter.
                Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(4.9), $"{path} was read {(times[i] - times[i - 1]).TotalSeconds:0.00} s after the previous read ({pushes} pushes, {times.Count} reads).");
            }

            // Opening the page reads once, then at most one read per 5 s of the 16 s of pushes.
            Assert.True(times.Count <= 5, $"{path} was read {times.Count} times in 16 s for {pushes} pushes.");
        }

        await Assertions.Expect(page.GetByTestId("leaderboard")).ToContainTextAsync("(you)", new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
        await Screenshot(page, "8-leaderboard");
    }

    [Fact]
    public async Task The_header_shows_reconnecting_when_the_hub_drops_and_live_again_after()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        // The page's sockets are kept where the test can drop them, as a broken network would.
        await page.AddInitScriptAsync("(() => { const Native = window.WebSocket; window.__sockets = []; window.WebSocket = class extends Native { constructor(...a) { super(...a); window.__sockets.push(this); } }; })();");
        var refuse = false;
        // While refused, reconnection attempts fail at their negotiation (SignalR's first request).
        await page.RouteAsync(new Regex("/hubs/game/negotiate"), route => refuse ? route.AbortAsync() : route.ContinueAsync());
        await page.GotoAsync(fixture.Standalone.BaseAddress.ToString());
        var sync = page.GetByTestId("sync");
        await Assertions.Expect(sync).ToHaveTextAsync("live", Slow);

        refuse = true;
        Assert.True(await page.EvaluateAsync<bool>("() => { const ws = window.__sockets.findLast(s => s.readyState === WebSocket.OPEN); ws?.close(4000, 'dropped by the test'); return !!ws; }"));
        await Assertions.Expect(sync).ToHaveTextAsync("reconnecting…", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await Screenshot(page, "9a-reconnecting");
        // SignalR retries after 0, 2, 10 and 30 s: still reconnecting 3 s later, live once the network lets it through.
        await Task.Delay(3000);
        await Assertions.Expect(sync).ToHaveTextAsync("reconnecting…");
        refuse = false;
        await Assertions.Expect(sync).ToHaveTextAsync("live", new LocatorAssertionsToHaveTextOptions { Timeout = 40_000 });

        // The browser losing its network is shown at once.
        await context.SetOfflineAsync(true);
        await Assertions.Expect(sync).ToHaveAttributeAsync("data-status", "offline");
        await Screenshot(page, "9b-offline");
        await context.SetOfflineAsync(false);
        await Assertions.Expect(sync).ToHaveTextAsync("live", Slow);
    }

    [Fact]
    public async Task The_page_is_an_installable_app()
    {
        var page = await NewGameAsync();
        var manifestUrl = await page.EvaluateAsync<string>("() => document.querySelector('link[rel=manifest]').href");
        var response = await page.APIRequest.GetAsync(manifestUrl);
        Assert.True(response.Ok);
        using var manifest = JsonDocument.Parse(await response.TextAsync());
        var root = manifest.RootElement;
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192" && i.GetProperty("type").GetString() == "image/png");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512" && i.GetProperty("purpose").GetString() == "maskable");
        foreach (var icon in icons)
        {
            var file = await page.APIRequest.GetAsync(new Uri(new Uri(manifestUrl), icon.GetProperty("src").GetString()).ToString());
            Assert.True(file.Ok, $"{icon.GetProperty("src").GetString()} answered {file.Status}");
        }

        // Chromium's own verdict: no reason it could not install the page.
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var verdict = await cdp.SendAsync("Page.getInstallabilityErrors");
        // Playwright's browser contexts are incognito-like, which Chromium names as a reason of its own: not the page's.
        var errors = verdict!.Value.GetProperty("installabilityErrors").EnumerateArray()
            .Select(e => e.GetProperty("errorId").GetString())
            .Where(id => id != "in-incognito")
            .ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_service_worker_serves_the_shell_when_the_server_is_gone()
    {
        // A Standalone of its own: this test stops it.
        var dataPath = TestServers.NewDataFolder();
        ServiceProcess? standalone = await WebClientFixture.StartStandaloneAsync(dataPath);
        var context = await NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(standalone.BaseAddress.ToString());
            await Assertions.Expect(page.GetByTestId("sync")).ToHaveTextAsync("live", Slow);
            await ShearAsync(page, 5);
            // Registered, active and in control of the page, with the shell cached.
            Assert.True(await page.EvaluateAsync<bool>("async () => { const r = await navigator.serviceWorker.ready; return !!r.active; }"));
            await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
            await page.WaitForFunctionAsync("async () => (await (await caches.open('lwf-shell-v3')).keys()).length >= 11");

            await standalone.DisposeAsync();
            standalone = null;
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Llama Wool Farm");
            await Assertions.Expect(page.GetByTestId("sync")).ToHaveAttributeAsync("data-status", "offline", new LocatorAssertionsToHaveAttributeOptions { Timeout = 20_000 });
            await Assertions.Expect(page.GetByTestId("sync")).ToContainTextAsync("showing your farm as last seen");
            // The farm as last seen, from the page's own copy: the barn row is there, with its name.
            await Assertions.Expect(page.Locator("[data-building='barn'] b")).ToHaveTextAsync("Llama Barn");
            await Screenshot(page, "10-offline-shell");
        }
        finally
        {
            await context.DisposeAsync();
            if (standalone is not null)
            {
                await standalone.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_page_runs_on_the_typescript_sdk_and_a_lost_command_answer_is_retried_with_the_same_key()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        // The first command's answer is lost after the server applied it (as on a flaky network); later ones pass.
        var attempts = new List<(string? Key, string Body)>();
        var dropped = false;
        await page.RouteAsync(new Regex("/api/v1/game/actions$"), async route =>
        {
            var response = await route.FetchAsync();
            var body = await response.TextAsync();
            lock (attempts)
            {
                attempts.Add((route.Request.Headers.GetValueOrDefault("idempotency-key"), body));
            }

            if (!dropped)
            {
                dropped = true;
                await route.AbortAsync("connectionreset");
                return;
            }

            await route.FulfillAsync(new RouteFulfillOptions { Response = response });
        });
        await page.GotoAsync(fixture.Standalone.BaseAddress.ToString());
        await Assertions.Expect(page.GetByTestId("sync")).ToHaveTextAsync("live", Slow);

        // The SDK's bundle is what the page loaded, SignalR inside it: no separate SignalR script, no global.
        var scripts = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.endsWith('.js'))");
        Assert.Contains("/lib/llama-wool-farm-client.js", scripts);
        Assert.DoesNotContain(scripts, s => s.Contains("signalr", StringComparison.OrdinalIgnoreCase));
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.signalR === 'undefined'"));

        await page.GetByTestId("shear").ClickAsync();
        // The server applies the first attempt (its push may well come before the retry): wait for the retry itself.
        List<(string? Key, string Body)> sent = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            lock (attempts)
            {
                sent = [.. attempts];
            }

            if (sent.Count >= 2)
            {
                break;
            }
        }

        Assert.True(sent.Count >= 2, $"{sent.Count} POST game/actions seen");
        var (key, _) = sent[0];
        Assert.False(string.IsNullOrEmpty(key), "the command carried no Idempotency-Key");
        Assert.Equal(key, sent[1].Key);
        // Both attempts named the same command: the server applied the key once, and that command's push arrived
        // through the SDK's connection exactly once.
        var commandIds = sent.Take(2).Select(a => CommandIdOf(a.Body)).ToList();
        Assert.Equal(commandIds[0], commandIds[1]);
        await page.WaitForFunctionAsync("id => lwf.stats.completed.includes(id)", commandIds[0], new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.Equal(1, await page.EvaluateAsync<int>("id => lwf.stats.completed.filter(c => c === id).length", commandIds[0]));
    }

    // ---------- helpers ----------

    /// <summary>A board read as the page recorded it (Date.now() when sent).</summary>
    private sealed class BoardRead
    {
        public string Path { get; set; } = string.Empty;

        public double At { get; set; }
    }

    private static string? CommandIdOf(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("data").GetProperty("commandId").GetString();
    }

    private Task<IBrowserContext> NewContextAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });

    private async Task<IPage> OpenGameAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Standalone.BaseAddress.ToString());
        await Assertions.Expect(page.GetByTestId("sync")).ToHaveTextAsync("live", Slow);
        return page;
    }

    /// <summary>A new guest's game, live.</summary>
    private async Task<IPage> NewGameAsync() => await OpenGameAsync(await NewContextAsync());

    private static Task<string> PlayerIdAsync(IPage page) => page.EvaluateAsync<string>("() => lwf.playerId()");

    /// <summary>Shears and waits until the server has applied the clicks (its state exists from then on).</summary>
    private static async Task ShearAsync(IPage page, int clicks)
    {
        for (var i = 0; i < clicks; i++)
        {
            await page.GetByTestId("shear").ClickAsync();
        }

        await page.WaitForFunctionAsync(
            "n => document.querySelector('[data-testid=wool]').dataset.pending === '0' && parseFloat(document.querySelector('[data-testid=wool]').textContent) >= n",
            clicks,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
    }

    /// <summary>
    /// Changes the player's stored game state as time or play would have (json_set paths and values), in the
    /// Standalone's own SQLite file: the game worker reads the state from it for every request.
    /// </summary>
    private async Task EditStateAsync(string playerId, string jsonSetArguments)
    {
        var id = Guid.Parse(playerId).ToString("N");
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.DataPath, "documents.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = 5000; UPDATE doc_game_states SET version = version + 1, body = json_set(body, {jsonSetArguments}) WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(ServiceProcess.RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"web-client-game-{name}.png"), FullPage = true });
    }
}
