namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>Where the InfluxDB adapter writes and how hard it tries.</summary>
public sealed class InfluxOptions
{
    /// <summary>Server address, e.g. <c>http://127.0.0.1:8086/</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The database (created on first write when missing).</summary>
    public required string Database { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Points held while waiting to be written; points beyond this are dropped and counted.</summary>
    public int MaxBufferedPoints { get; init; } = 100_000;

    /// <summary>Points per <c>/write</c> request (InfluxDB recommends 5,000–10,000).</summary>
    public int MaxBatchPoints { get; init; } = 5_000;

    /// <summary>Retries of one batch by the Polly pipeline before the adapter pauses and tries the batch again.</summary>
    public int RetryAttempts { get; init; } = 4;

    /// <summary>First retry delay; it doubles per attempt (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after a batch exhausted its retries, before the same batch is tried again.</summary>
    public TimeSpan UnavailablePause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reads <c>http[s]://[user:password@]host:port/?db=name</c> (the form of <c>ConnectionStrings:influx</c>);
    /// returns false with the reason when it is not usable.
    /// </summary>
    public static bool TryParse(string? connectionString, out InfluxOptions? options, out string error)
    {
        options = null;
        if (string.IsNullOrWhiteSpace(connectionString) || !Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = "must be an http:// or https:// URL such as http://127.0.0.1:8086/?db=llamawoolfarm";
            return false;
        }

        var database = QueryValue(uri.Query, "db");
        if (string.IsNullOrWhiteSpace(database))
        {
            error = "must name the database with ?db=name";
            return false;
        }

        var user = uri.UserInfo.Split(':', 2);
        options = new InfluxOptions
        {
            BaseAddress = new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri,
            Database = database,
            Username = user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : null,
            Password = user.Length == 2 ? Uri.UnescapeDataString(user[1]) : null,
        };
        error = string.Empty;
        return true;
    }

    private static string? QueryValue(string query, string name) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0] == name)
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' ')))
            .FirstOrDefault();
}
