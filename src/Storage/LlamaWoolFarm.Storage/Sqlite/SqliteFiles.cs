using Microsoft.Data.Sqlite;

namespace LlamaWoolFarm.Storage.Sqlite;

/// <summary>How every embedded SQLite store of the project opens its file.</summary>
public static class SqliteFiles
{
    /// <summary>
    /// Creates the file's folder and returns a pooled read-write connection string. Microsoft.Data.Sqlite retries
    /// SQLITE_BUSY until the command timeout, so writers from other processes sharing the file wait instead of failing.
    /// </summary>
    public static string ConnectionString(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
