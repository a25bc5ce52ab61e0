using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Gateway.Tests;

public sealed class SettingsValidationTests
{
    [Fact]
    public void RabbitMq_without_a_connection_string_names_the_missing_setting()
    {
        var configuration = Config(("Messaging:Transport", "RabbitMq"));
        var options = SettingsValidator.Bind<MessagingOptions>(configuration, MessagingOptions.SectionName);

        var errors = SettingsValidator.Validate(options, configuration);

        Assert.Contains(errors, e => e.Contains("ConnectionStrings:rabbitmq", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_transport_names_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            SettingsValidator.Bind<MessagingOptions>(Config(("Messaging:Transport", "Kafka")), MessagingOptions.SectionName));

        Assert.Contains("Messaging:Transport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_signing_key_is_refused_and_a_missing_one_is_required_outside_development()
    {
        Assert.Contains(SettingsValidator.Validate(new AuthOptions { SigningKey = Convert.ToBase64String(new byte[16]) }), e => e.Contains("Auth:SigningKey", StringComparison.Ordinal));
        Assert.Contains(SettingsValidator.Validate(new AuthOptions()), e => e.Contains("Auth:SigningKey is required", StringComparison.Ordinal));
        Assert.Empty(SettingsValidator.Validate(new AuthOptions { AllowDevelopmentKey = true }));
    }

    [Fact]
    public void A_good_rabbitmq_setup_has_no_errors()
    {
        var configuration = Config(("Messaging:Transport", "RabbitMq"), ("ConnectionStrings:rabbitmq", "amqp://guest:guest@localhost:5672/"));

        Assert.Empty(SettingsValidator.Validate(SettingsValidator.Bind<MessagingOptions>(configuration, MessagingOptions.SectionName), configuration));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
