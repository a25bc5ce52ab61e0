using System.Globalization;

namespace LlamaWoolFarm.LoadTest;

/// <summary>
/// Command-line options: <c>--gateway URL --realtime URL --players N --seconds S --rate R --warmup S --clicks N</c>, and
/// for overload runs <c>--open true</c> (each player sends on schedule without waiting for the previous answer, so the
/// offered rate holds whatever the server does) and <c>--window S</c> (accepted, shed, completed and p50/p99 per
/// window of S seconds, by when the command was sent).
/// </summary>
public sealed record LoadOptions(Uri Gateway, Uri Realtime, int Players, int Seconds, double Rate, int WarmupSeconds, int ClicksPerCommand, bool Open = false, int WindowSeconds = 0)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var gateway = new Uri(values.GetValueOrDefault("gateway", "http://127.0.0.1:5080"));
        return new LoadOptions(
            gateway,
            new Uri(values.GetValueOrDefault("realtime", gateway.ToString())),
            int.Parse(values.GetValueOrDefault("players", "200"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("seconds", "30"), CultureInfo.InvariantCulture),
            double.Parse(values.GetValueOrDefault("rate", "0"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("warmup", "5"), CultureInfo.InvariantCulture),
            int.Parse(values.GetValueOrDefault("clicks", "1"), CultureInfo.InvariantCulture),
            bool.Parse(values.GetValueOrDefault("open", "false")),
            int.Parse(values.GetValueOrDefault("window", "0"), CultureInfo.InvariantCulture));
    }
}
