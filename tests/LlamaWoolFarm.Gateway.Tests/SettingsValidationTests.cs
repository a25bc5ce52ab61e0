using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Testing;
using Microsoft.Extensions.Configuration;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>The messaging and token settings are checked when the host starts, and each failure names its setting.</summary>
public sealed class SettingsValidationTests
{
    [Fact]
    public async Task RabbitMq_without_a_connection_string_stops_the_start_naming_the_missing_setting()
    {
        await StartupSettings.AssertStopsNamingAsync("ConnectionStrings:rabbitmq", new Dictionary<string, string?> { ["Messaging:Transport"] = "RabbitMq" }, b => b.AddBus(_ => { }));
    }

    [Theory]
    [InlineData("Messaging:PrefetchCount", "0")]
    [InlineData("Messaging:ConcurrentMessageLimit", "5000")]
    public async Task An_unusable_bus_setting_stops_the_start_naming_it(string key, string value)
    {
        await StartupSettings.AssertStopsNamingAsync(key, new Dictionary<string, string?> { [key] = value }, b => b.AddBus(_ => { }));
    }

    [Fact]
    public void An_unknown_transport_names_the_setting()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:Transport"] = "Kafka" });

        // The transport chooses what is registered, so a value the binder cannot read fails while registering.
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddBus(_ => { }));

        Assert.Contains("Messaging:Transport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_signing_key_is_refused_and_a_missing_one_is_required_outside_development()
    {
        Assert.Contains(new AuthOptions { SigningKey = Convert.ToBase64String(new byte[16]) }.Validate(), e => e.Contains("Auth:SigningKey", StringComparison.Ordinal));
        Assert.Contains(new AuthOptions().Validate(), e => e.Contains("Auth:SigningKey is required", StringComparison.Ordinal));
        Assert.Empty(new AuthOptions { AllowDevelopmentKey = true }.Validate());
        await StartupSettings.AssertStopsNamingAsync("Auth:SigningKey is required", new Dictionary<string, string?>(), b => b.AddJwtAuthentication());
    }

    [Fact]
    public void A_good_rabbitmq_setup_has_no_errors()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@localhost:5672/" })
            .Build();

        Assert.True(new MessagingConnectionRule(configuration).Validate(null, new MessagingOptions { Transport = TransportKind.RabbitMq }).Succeeded);
        Assert.Contains("***", new MessagingConnectionRule(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:rabbitmq"] = "http://user:secret@host/" }).Build())
            .Validate(null, new MessagingOptions { Transport = TransportKind.RabbitMq }).FailureMessage, StringComparison.Ordinal);
    }
}
