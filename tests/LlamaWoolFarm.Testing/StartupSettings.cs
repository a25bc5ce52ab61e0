using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace LlamaWoolFarm.Testing;

/// <summary>Starts a host with given settings and registrations, to check that wrong settings stop it at start.</summary>
public static class StartupSettings
{
    /// <summary>
    /// The exception the host's start throws with <paramref name="settings"/> (none from the environment) after
    /// <paramref name="register"/>; fails the test when it starts.
    /// </summary>
    public static async Task<OptionsValidationException> StartFailureAsync(IReadOnlyDictionary<string, string?> settings, Action<IHostApplicationBuilder> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder);
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    /// <summary>Asserts that the start fails with a message naming <paramref name="setting"/>.</summary>
    public static async Task AssertStopsNamingAsync(string setting, IReadOnlyDictionary<string, string?> settings, Action<IHostApplicationBuilder> register)
    {
        var error = await StartFailureAsync(settings, register);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
