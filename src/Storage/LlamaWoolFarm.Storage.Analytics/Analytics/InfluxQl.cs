using System.Globalization;
using System.Text;

namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>Quoting for the InfluxQL the adapter sends: identifiers in double quotes, strings in single quotes.</summary>
public static class InfluxQl
{
    /// <summary>A double-quoted identifier (measurement, tag key, field key, database), with <c>\</c> and <c>"</c> escaped.</summary>
    public static string Identifier(string name) => Quote(name, '"');

    /// <summary>A single-quoted string literal, with <c>\</c> and <c>'</c> escaped.</summary>
    public static string Literal(string value) => Quote(value, '\'');

    /// <summary>An RFC 3339 time literal with nanosecond digits, UTC.</summary>
    public static string Time(DateTimeOffset time) =>
        "'" + time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'";

    /// <summary>A duration literal in whole seconds (windows are whole minutes or more).</summary>
    public static string Duration(TimeSpan window) => ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";

    private static string Quote(string text, char quote)
    {
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            if (c == quote || c == '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append(quote).ToString();
    }
}
