using System.Globalization;

namespace LlamaWoolFarm.FaultInjection.Tests;

/// <summary>One row of the results table (docs/operations.md, "Fault injection").</summary>
internal sealed record FaultReport(
    string Fault,
    int Players,
    int Accepted,
    AuditResult Audit,
    IReadOnlyDictionary<string, int> ClientErrors,
    IReadOnlyCollection<string> Abandoned,
    TimeSpan? Recovery,
    TimeSpan LongestWait,
    TimeSpan Restored)
{
    public const string Header =
        "| fault | players | accepted (202) | lost | doubled | rejected by the rules | client errors (failed attempts by status) | abandoned | recovery (fault → first 202) | longest wait for a 202 | restart took |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|";

    public string Row => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Fault} | {Players} | {Accepted} | {Audit.Lost} | {Audit.Doubled} | {Format(Audit.Rejected)} | {Format(ClientErrors)} | {Abandoned.Count} | {(Recovery is { } r ? $"{r.TotalSeconds:F1} s" : "never")} | {LongestWait.TotalSeconds:F1} s | {Restored.TotalSeconds:F1} s |");

    public static string Format(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}"));

    /// <summary>Everything the row summarises, for the failure message.</summary>
    public string Details => string.Join(
        Environment.NewLine,
        new[] { Header, Row }
            .Concat(Abandoned.Take(10).Select(a => "abandoned " + a))
            .Concat(Audit.Problems.Take(30)));
}
