using System.Diagnostics.Metrics;

namespace LlamaWoolFarm.Storage.Sqlite;

/// <summary>
/// The disk behind the embedded store: <c>lwf.store.size</c> (every file under <c>Storage:DataPath</c>: documents,
/// write-ahead logs, scheduler, analytics and push history) and <c>lwf.store.disk.free</c> (space left on its
/// volume). SQLite stops accepting writes when the disk is full, so ops are warned well before (alert
/// <c>LwfEmbeddedStoreDiskLow</c>). MongoDB watches its own disk.
/// </summary>
public sealed class EmbeddedStoreUsage : IDisposable
{
    private readonly string _dataPath;
    private readonly Meter _meter;

    public EmbeddedStoreUsage(string dataPath, string meterName, IMeterFactory meters)
    {
        _dataPath = Path.GetFullPath(dataPath);
        _meter = meters.Create(meterName);
        _meter.CreateObservableGauge("lwf.store.size", () => Observe(Size), "By", "Bytes of every file of the embedded store.");
        _meter.CreateObservableGauge("lwf.store.disk.free", () => Observe(FreeSpace), "By", "Bytes free on the volume of the embedded store.");
    }

    /// <summary>Bytes of every file under the data folder.</summary>
    public long Size() =>
        Directory.Exists(_dataPath)
            ? new DirectoryInfo(_dataPath).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Sum(f => f.Length)
            : 0;

    /// <summary>Bytes available to this process on the data folder's volume.</summary>
    public long FreeSpace() => new DriveInfo(_dataPath).AvailableFreeSpace;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Observe(Func<long> read)
    {
        // A file removed while it is being listed (a checkpointed log) must not fail the whole scrape.
        try
        {
            return [new Measurement<long>(read())];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
