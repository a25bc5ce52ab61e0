using System.Diagnostics.Metrics;

namespace LlamaWoolFarm.ServiceDefaults.Telemetry;

/// <summary>
/// The business counters ops watch beside the technical ones (meter <c>LlamaWoolFarm</c>): game commands by type and
/// outcome, prestiges, and save uploads by outcome. How late a command is when a worker takes it is MassTransit's own
/// <c>messaging.masstransit.delivery.duration</c>.
/// </summary>
public sealed class GameMetrics : IDisposable
{
    public const string MeterName = "LlamaWoolFarm";

    private readonly Meter _meter;

    public GameMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        Actions = _meter.CreateCounter<long>("lwf.game.actions", "{action}", "Game commands handled, tagged by type and outcome.");
        Prestiges = _meter.CreateCounter<long>("lwf.game.prestiges", "{prestige}", "Prestiges completed.");
        Saves = _meter.CreateCounter<long>("lwf.saves.uploads", "{save}", "Save uploads, tagged by outcome.");
    }

    public Counter<long> Actions { get; }

    public Counter<long> Prestiges { get; }

    public Counter<long> Saves { get; }

    /// <summary>Counts one handled game command.</summary>
    public void ActionHandled(string type, string outcome) =>
        Actions.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
