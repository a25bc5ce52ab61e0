using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>How the InfluxDB adapter buffers and batches (section <c>Analytics</c>; the server is <c>ConnectionStrings:influx</c>).</summary>
public sealed class AnalyticsStorageOptions
{
    public const string SectionName = "Analytics";

    /// <summary>Points held while InfluxDB is slow or away (<c>Analytics:MaxBufferedPoints</c>); beyond this they are dropped and counted.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Analytics:MaxBufferedPoints must be a whole number from 1 to 10000000.")]
    public int MaxBufferedPoints { get; set; } = 100_000;

    /// <summary>Points per <c>/write</c> request (<c>Analytics:MaxBatchPoints</c>).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Analytics:MaxBatchPoints must be a whole number from 1 to 10000000.")]
    public int MaxBatchPoints { get; set; } = 5_000;
}
