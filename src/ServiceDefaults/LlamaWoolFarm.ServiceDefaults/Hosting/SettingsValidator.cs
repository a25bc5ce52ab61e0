using LlamaWoolFarm.ServiceDefaults.Auth;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>
/// Checks the settings a process needs before anything starts, and names each missing or wrong one,
/// so a misconfigured container fails at once with a message an operator can act on.
/// </summary>
public static class SettingsValidator
{
    /// <summary>Binds a section, turning a value the binder cannot convert into an error that names the setting.</summary>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(section, typeof(T), [e.Message]);
        }
    }

    /// <summary>The problems with the messaging settings; empty when they are usable.</summary>
    public static IReadOnlyList<string> Validate(MessagingOptions options, IConfiguration configuration)
    {
        var errors = new List<string>();
        if (options.Transport == TransportKind.RabbitMq)
        {
            var connection = configuration.GetConnectionString("rabbitmq");
            if (string.IsNullOrWhiteSpace(connection))
            {
                errors.Add("ConnectionStrings:rabbitmq is required when Messaging:Transport is RabbitMq (e.g. amqp://guest:guest@localhost:5672/).");
            }
            else if (!Uri.TryCreate(connection, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps" && uri.Scheme != "rabbitmq"))
            {
                errors.Add($"ConnectionStrings:rabbitmq must be an amqp:// URI; got '{Redact(connection)}'.");
            }
        }

        if (options.PrefetchCount is < 1 or > 10_000)
        {
            errors.Add("Messaging:PrefetchCount must be between 1 and 10000.");
        }

        if (options.ConcurrentMessageLimit is < 1 or > 1_000)
        {
            errors.Add("Messaging:ConcurrentMessageLimit must be between 1 and 1000.");
        }

        return errors;
    }

    /// <summary>The problems with the storage settings and the connection strings they need; empty when they are usable.</summary>
    public static IReadOnlyList<string> Validate(StorageOptions options, IConfiguration configuration)
    {
        var errors = new List<string>(Validate(options));
        if (options.EffectiveDocuments == DocumentStoreKind.MongoDb)
        {
            var connection = configuration.GetConnectionString("mongo");
            if (string.IsNullOrWhiteSpace(connection))
            {
                errors.Add("ConnectionStrings:mongo is required when Storage:Documents is MongoDb (the default in Storage:Mode=Server), e.g. mongodb://localhost:27017/llamawoolfarm; or set Storage:Documents=Sqlite.");
            }
            else if (!Uri.TryCreate(connection, UriKind.Absolute, out var uri) || (uri.Scheme != "mongodb" && uri.Scheme != "mongodb+srv"))
            {
                errors.Add($"ConnectionStrings:mongo must be a mongodb:// or mongodb+srv:// URL; got '{Redact(connection)}'.");
            }
        }

        return errors;
    }

    /// <summary>The problems with the storage settings alone; empty when they are usable.</summary>
    public static IReadOnlyList<string> Validate(StorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            errors.Add("Storage:DataPath must name a folder for embedded databases.");
        }

        return errors;
    }

    /// <summary>The problems with the token settings; empty when they are usable.</summary>
    public static IReadOnlyList<string> Validate(AuthOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (!options.AllowDevelopmentKey)
            {
                errors.Add("Auth:SigningKey is required (base64, at least 32 bytes); only development setups may set Auth:AllowDevelopmentKey=true to generate one.");
            }
        }
        else if (!SigningKeys.TryDecode(options.SigningKey, out _))
        {
            errors.Add("Auth:SigningKey must be base64 of at least 32 bytes.");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.Add("Auth:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add("Auth:Audience must not be empty.");
        }

        return errors;
    }

    /// <summary>Throws one exception listing every problem, or returns when there is none.</summary>
    public static void ThrowIfInvalid<T>(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(typeof(T).Name, typeof(T), errors);
        }
    }

    private static string Redact(string connection) =>
        Uri.TryCreate(connection, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? connection.Replace(uri.UserInfo, "***", StringComparison.Ordinal)
            : connection;
}
