using LlamaWoolFarm.Storage;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Mongo;
using LlamaWoolFarm.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>Chooses the storage adapters of a process from <c>Storage:*</c>; only hosts call this.</summary>
public static class StorageExtensions
{
    /// <summary>Registers the document store named by <c>Storage:Documents</c> (or the mode's default) and its readiness check.</summary>
    public static IHostApplicationBuilder AddDocumentStore(this IHostApplicationBuilder builder)
    {
        var storage = SettingsValidator.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        SettingsValidator.ThrowIfInvalid<StorageOptions>(SettingsValidator.Validate(storage, builder.Configuration));
        builder.Services.AddSingleton(storage);
        if (storage.EffectiveDocuments == DocumentStoreKind.MongoDb)
        {
            var mongo = builder.Configuration.GetConnectionString("mongo")!;
            builder.Services.AddSingleton<IDocumentStore>(_ => MongoDocumentStore.Connect(mongo));
        }
        else
        {
            builder.Services.AddSingleton<IDocumentStore>(_ => new SqliteDocumentStore(Path.Combine(storage.DataPath, "documents.db")));
        }

        builder.Services.AddHealthChecks().AddCheck<DocumentStoreHealthCheck>("documents", tags: [HealthTags.Ready]);
        return builder;
    }
}

/// <summary>Ready when the document store answers.</summary>
internal sealed class DocumentStoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.PingAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The document store does not answer.");
}
