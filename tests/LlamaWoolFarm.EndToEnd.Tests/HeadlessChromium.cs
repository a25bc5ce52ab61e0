using Microsoft.Playwright;

namespace LlamaWoolFarm.EndToEnd.Tests;

/// <summary>Debian's Chromium, headless, as every browser test of this project launches it.</summary>
internal static class HeadlessChromium
{
    private static readonly string Executable = Environment.GetEnvironmentVariable("LWF_CHROMIUM") ?? "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Root in a container, and no outside network: the flags keep Chromium from reaching for either.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
}
