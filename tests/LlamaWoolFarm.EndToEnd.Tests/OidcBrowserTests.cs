using LlamaWoolFarm.Testing;
using Microsoft.Playwright;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// The account page's OpenID Connect button in headless Chromium: the Standalone process configured with a real
/// provider (npm oidc-provider), the page runs authorization code + PKCE at the provider, whose login and consent pages
/// the test fills in as a player would, and exchanges the ID token at the gateway.
/// </summary>
public sealed class OidcBrowserTests : IAsyncLifetime
{
    private readonly string _data = TestServers.NewDataFolder();
    private OwnOidcProvider? _provider;
    private ServiceProcess? _standalone;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        var port = TestServers.FreePort();
        _provider = await OwnOidcProvider.StartAsync($"http://127.0.0.1:{port}/account.html");
        _standalone = await ServiceProcess.StartAsync(
            "Standalone",
            "LlamaWoolFarm.Standalone",
            new Dictionary<string, string>
            {
                ["Storage__DataPath"] = _data,
                ["Auth__Oidc__Providers__test__Authority"] = _provider.Issuer,
                ["Auth__Oidc__Providers__test__ClientId"] = OwnOidcProvider.ClientId,
                ["Auth__Oidc__Providers__test__RequireHttpsMetadata"] = "false",
                ["Auth__Oidc__Providers__test__DisplayName"] = "Test ID",
            },
            port: port);
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_standalone is not null)
        {
            await _standalone.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_player_signs_in_with_the_provider_button_through_the_providers_own_pages()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        await page.GotoAsync(new Uri(_standalone!.BaseAddress, "/account.html").ToString());

        await page.GetByTestId("oidc-test").ClickAsync();
        // The provider's own (development) login page, then its consent page.
        await page.Locator("input[name=login]").FillAsync("browser-player");
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Continue" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("signed-in")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("account-status")).ToContainTextAsync("Signed in with test", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);
        Assert.NotNull(await page.EvaluateAsync<string>("sessionStorage.getItem('lwf.account.token')"));
        Directory.CreateDirectory(Path.Combine(ServiceProcess.RepositoryRoot(), "artifacts", "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServiceProcess.RepositoryRoot(), "artifacts", "screenshots", "oidc-signed-in.png") });
    }
}
