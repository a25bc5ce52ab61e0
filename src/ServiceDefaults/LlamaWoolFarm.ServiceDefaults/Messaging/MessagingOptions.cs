using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>The message bus of a process (configuration section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary><c>InMemory</c> (one process) or <c>RabbitMq</c> (needs <c>ConnectionStrings:rabbitmq</c>).</summary>
    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    /// <summary>Messages a RabbitMQ consumer fetches ahead; 100–200 measured best on a 2-core box.</summary>
    [Range(1, 10_000, ErrorMessage = "Messaging:PrefetchCount must be between 1 and 10000.")]
    public int PrefetchCount { get; set; } = 128;

    /// <summary>Messages an endpoint processes at once.</summary>
    [Range(1, 1_000, ErrorMessage = "Messaging:ConcurrentMessageLimit must be between 1 and 1000.")]
    public int ConcurrentMessageLimit { get; set; } = 32;
}

/// <summary>The transports <see cref="MessagingOptions.Transport"/> can name.</summary>
public enum TransportKind
{
    InMemory,
    RabbitMq,
}

/// <summary>RabbitMQ needs <c>ConnectionStrings:rabbitmq</c>, an amqp:// URI; checked with the messaging settings at start.</summary>
public sealed class MessagingConnectionRule(IConfiguration configuration) : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        if (options.Transport != TransportKind.RabbitMq)
        {
            return ValidateOptionsResult.Success;
        }

        var connection = configuration.GetConnectionString("rabbitmq");
        if (string.IsNullOrWhiteSpace(connection))
        {
            return ValidateOptionsResult.Fail("ConnectionStrings:rabbitmq is required when Messaging:Transport is RabbitMq (e.g. amqp://guest:guest@localhost:5672/).");
        }

        return Uri.TryCreate(connection, UriKind.Absolute, out var uri) && (uri.Scheme == "amqp" || uri.Scheme == "amqps" || uri.Scheme == "rabbitmq")
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"ConnectionStrings:rabbitmq must be an amqp:// URI; got '{Hosting.SettingsExtensions.Redact(connection)}'.");
    }
}
