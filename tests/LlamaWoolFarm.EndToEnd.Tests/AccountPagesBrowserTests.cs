using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaWoolFarm.Testing;
using Microsoft.Playwright;
using MimeKit;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>
/// The account page in headless Chromium against the Standalone process without SMTP settings: mails go to the pickup
/// folder (which the start says), the test opens their links as a player would, and uses the forgot, reset, sign-in
/// and change-password forms.
/// </summary>
public sealed partial class AccountPagesBrowserTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private readonly string _data = TestServers.NewDataFolder();
    private ServiceProcess? _standalone;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        var port = TestServers.FreePort();
        _standalone = await ServiceProcess.StartAsync(
            "Standalone",
            "LlamaWoolFarm.Standalone",
            new Dictionary<string, string>
            {
                ["Storage__DataPath"] = _data,
                ["Accounts__Mail__LinkBaseUrl"] = $"http://127.0.0.1:{port}/",
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
    }

    [Fact]
    public async Task A_player_verifies_the_email_resets_a_forgotten_password_and_changes_it_from_the_mail_links()
    {
        Assert.Contains("pickup folder", _standalone!.Output, StringComparison.Ordinal);
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        var email = $"b{Guid.NewGuid():N}@example.org";
        var register = await page.APIRequest.PostAsync(new Uri(_standalone.BaseAddress, "/api/v1/auth/register").ToString(), new APIRequestContextOptions { DataObject = new { email, password = Password } });
        Assert.Equal(201, register.Status);

        // The verification link opens the site, which hands it to the account page.
        await page.GotoAsync(LinkOf(await MailAsync(email, "Confirm"), "verify-email"));
        await Expect(page.GetByTestId("account-status"), "is confirmed");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        await Screenshot(page, "1-verified");

        await page.GetByTestId("forgot-open").ClickAsync();
        await page.GetByTestId("forgot-email").FillAsync(email);
        await page.GetByTestId("forgot-submit").ClickAsync();
        await Expect(page.GetByTestId("account-status"), "If an account has this email");

        await page.GotoAsync(LinkOf(await MailAsync(email, "Reset"), "reset-password"));
        await page.GetByTestId("reset-password").FillAsync("a brand new passphrase");
        await page.GetByTestId("reset-submit").ClickAsync();
        await Expect(page.GetByTestId("account-status"), "Your password is changed");
        await Screenshot(page, "2-reset");

        await page.GetByTestId("signin-email").FillAsync(email);
        await page.GetByTestId("signin-password").FillAsync("a brand new passphrase");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in")).ToBeVisibleAsync();
        await page.GetByTestId("current-password").FillAsync("not the password");
        await page.GetByTestId("new-password").FillAsync("the third passphrase");
        await SubmitAsAPlayerWouldAsync(page, "change-submit", "INVALID_CREDENTIALS");
        await page.GetByTestId("current-password").FillAsync("a brand new passphrase");
        await SubmitAsAPlayerWouldAsync(page, "change-submit", "Every other device was signed out");
        await Screenshot(page, "3-changed");

        var login = await page.APIRequest.PostAsync(new Uri(_standalone.BaseAddress, "/api/v1/auth/login").ToString(), new APIRequestContextOptions { DataObject = new { email, password = "the third passphrase" } });
        Assert.Equal(200, login.Status);
        Assert.True(JsonDocument.Parse(await login.TextAsync()).RootElement.GetProperty("success").GetBoolean());
    }

    /// <summary>
    /// Submits, and submits again as the page asks ("retry shortly") when the server answered 503: on a loaded machine
    /// two Argon2 hashes can outlast the gateway's 10 s worker timeout. A change that applied meanwhile is answered as
    /// changed when sent again, so the outcome is the same either way.
    /// </summary>
    private static async Task SubmitAsAPlayerWouldAsync(IPage page, string submit, string done)
    {
        var status = page.GetByTestId("account-status");
        for (var attempt = 1; ; attempt++)
        {
            // The page keeps the last answer shown until the next one: clear it, so the wait below sees this attempt's.
            await status.EvaluateAsync("e => e.textContent = ''");
            await page.GetByTestId(submit).ClickAsync();
            await Assertions.Expect(status).ToContainTextAsync(new Regex($"{Regex.Escape(done)}|SERVICE_UNAVAILABLE"), new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
            if (!(await status.TextContentAsync() ?? string.Empty).Contains("SERVICE_UNAVAILABLE", StringComparison.Ordinal) || attempt == 3)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        await Expect(status, done);
    }

    private static Task Expect(ILocator locator, string text) =>
        Assertions.Expect(locator).ToContainTextAsync(text, new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

    // The mail of a kind to an address, read from the pickup folder of the Standalone process.
    private async Task<MimeMessage> MailAsync(string to, string subjectStart)
    {
        var folder = Path.Combine(_data, "mail");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml"))
                {
                    var mail = await MimeMessage.LoadAsync(file);
                    if (mail.To.Mailboxes.Any(m => m.Address == to) && mail.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true)
                    {
                        return mail;
                    }
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No '{subjectStart}' mail to {to} in {folder}. Output: {_standalone!.Output}");
    }

    private string LinkOf(MimeMessage mail, string page)
    {
        var match = LinkPattern().Match(mail.TextBody ?? string.Empty);
        Assert.True(match.Success, "No link in: " + mail.TextBody);
        Assert.StartsWith(_standalone!.BaseAddress.ToString(), match.Value, StringComparison.Ordinal);
        Assert.Contains($"#{page}?token=", match.Value, StringComparison.Ordinal);
        return match.Value;
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(ServiceProcess.RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"account-{name}.png"), FullPage = true });
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/#[a-z-]+\?token=[^\s]+")]
    private static partial Regex LinkPattern();
}
