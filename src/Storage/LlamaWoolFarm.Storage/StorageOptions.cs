using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Storage;

/// <summary>Which storage adapters a process uses (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Embedded</c> (SQLite and in-process) or <c>Server</c> (MongoDB, Redis, InfluxDB).</summary>
    public StorageMode Mode { get; set; } = StorageMode.Embedded;

    /// <summary>
    /// The document store adapter. Defaults to SQLite in embedded mode and MongoDB in server mode; the distributed
    /// topology without Docker (CI) runs server mode with the SQLite file shared by the worker processes.
    /// </summary>
    public DocumentStoreKind? Documents { get; set; }

    /// <summary>The document store in use once defaults are applied.</summary>
    public DocumentStoreKind EffectiveDocuments => Documents ?? (Mode == StorageMode.Server ? DocumentStoreKind.MongoDb : DocumentStoreKind.Sqlite);

    /// <summary>Folder for embedded databases and generated development keys; created when missing.</summary>
    [Required(ErrorMessage = "Storage:DataPath must name a folder for embedded databases.")]
    public string DataPath { get; set; } = "data";
}

/// <summary>The storage run modes.</summary>
public enum StorageMode
{
    Embedded,
    Server,
}

/// <summary>The document store adapters.</summary>
public enum DocumentStoreKind
{
    Sqlite,
    MongoDb,
}
