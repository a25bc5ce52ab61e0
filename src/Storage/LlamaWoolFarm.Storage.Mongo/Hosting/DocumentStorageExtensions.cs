using System.Diagnostics.Metrics;
using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.ServiceDefaults.Telemetry;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Mongo;
using LlamaWoolFarm.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>Chooses the document store of a process from <c>Storage:*</c>; only the hosts of worker modules call this.</summary>
public static class DocumentStorageExtensions
{
    /// <summary>
    /// Registers the document store named by <c>Storage:Documents</c> (or the mode's default) and its readiness check;
    /// MongoDB needs <c>ConnectionStrings:mongo</c>, checked with the <c>Storage</c> settings when the host starts.
    /// </summary>
    public static IHostApplicationBuilder AddDocumentStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStorageSettings();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, MongoConnectionRule>();
        if (StorageSettings.ReadStorage(builder.Configuration).EffectiveDocuments == DocumentStoreKind.MongoDb)
        {
            builder.Services.AddSingleton<IDocumentStore>(_ => MongoDocumentStore.Connect(builder.Configuration.GetConnectionString("mongo")!));
        }
        else
        {
            builder.Services.AddSingleton<IDocumentStore>(sp => new SqliteDocumentStore(Path.Combine(sp.GetRequiredService<StorageOptions>().DataPath, "documents.db")));
            builder.Services.AddSingleton(sp => new EmbeddedStoreUsage(sp.GetRequiredService<StorageOptions>().DataPath, GameMetrics.MeterName, sp.GetRequiredService<IMeterFactory>()));
            builder.Services.AddCreatedAtStart<EmbeddedStoreUsage>();
        }

        builder.Services.AddHealthChecks().AddCheck<DocumentStoreHealthCheck>("documents", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>MongoDB (the default in server mode) needs a mongodb:// connection string.</summary>
    private sealed class MongoConnectionRule(IConfiguration configuration) : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            if (options.EffectiveDocuments != DocumentStoreKind.MongoDb)
            {
                return ValidateOptionsResult.Success;
            }

            var connection = configuration.GetConnectionString("mongo");
            if (string.IsNullOrWhiteSpace(connection))
            {
                return ValidateOptionsResult.Fail("ConnectionStrings:mongo is required when Storage:Documents is MongoDb (the default in Storage:Mode=Server), e.g. mongodb://localhost:27017/llamawoolfarm; or set Storage:Documents=Sqlite.");
            }

            return Uri.TryCreate(connection, UriKind.Absolute, out var uri) && (uri.Scheme == "mongodb" || uri.Scheme == "mongodb+srv")
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"ConnectionStrings:mongo must be a mongodb:// or mongodb+srv:// URL; got '{SettingsExtensions.Redact(connection)}'.");
        }
    }
}

/// <summary>Ready when the document store answers.</summary>
internal sealed class DocumentStoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.PingAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The document store does not answer.");
}

