namespace LlamaWoolFarm.Storage.Operations;

/// <summary>
/// Operational switches an admin changes at run time (the maintenance window, feature flag overrides), shared by
/// every gateway instance: named entries of JSON text grouped in sections. Small and rarely written; readers cache
/// what they read for a second or two, so the store is not on every request's path.
/// </summary>
public interface IOperationsStateStore
{
    /// <summary>Every entry of <paramref name="section"/>, by name.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAllAsync(string section, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces one entry.</summary>
    Task SetAsync(string section, string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Removes one entry; true when it existed.</summary>
    Task<bool> RemoveAsync(string section, string name, CancellationToken cancellationToken = default);
}
