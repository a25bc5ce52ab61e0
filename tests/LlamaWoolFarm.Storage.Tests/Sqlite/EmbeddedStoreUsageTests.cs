using System.Diagnostics.Metrics;
using LlamaWoolFarm.Storage.Sqlite;
using LlamaWoolFarm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Storage.Tests.Sqlite;

public sealed class EmbeddedStoreUsageTests
{
    [Fact]
    public void The_gauges_report_every_file_of_the_data_folder_and_the_space_left_on_its_volume()
    {
        var folder = TestServers.NewDataFolder();
        Directory.CreateDirectory(Path.Combine(folder, "mail"));
        File.WriteAllBytes(Path.Combine(folder, "documents.db"), new byte[10_000]);
        File.WriteAllBytes(Path.Combine(folder, "documents.db-wal"), new byte[2_500]);
        File.WriteAllBytes(Path.Combine(folder, "mail", "one.eml"), new byte[123]);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var usage = new EmbeddedStoreUsage(folder, "LlamaWoolFarm", factory);

        var measured = new Dictionary<string, long>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name.StartsWith("lwf.store.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured[instrument.Name] = value);
            listener.Start();
            listener.RecordObservableInstruments();
        }

        Assert.Equal(12_623, measured["lwf.store.size"]);
        var free = new DriveInfo(folder).AvailableFreeSpace;
        // Other processes write to the same disk meanwhile: the same volume, within 1 GB.
        Assert.InRange(measured["lwf.store.disk.free"], free - 1_000_000_000, free + 1_000_000_000);
        Assert.True(measured["lwf.store.disk.free"] > 0);
    }
}
