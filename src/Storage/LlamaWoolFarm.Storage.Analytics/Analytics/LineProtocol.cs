using System.Globalization;
using System.Text;

namespace LlamaWoolFarm.Storage.Analytics;

/// <summary>
/// InfluxDB line protocol (v1 <c>/write</c>, also accepted by 2.x and 3.x):
/// <c>measurement,tag=value field=1i,other="text" 1700000000000000000</c>.
/// Escaping as the server parses it (checked against InfluxDB 1.6): in measurements, commas and spaces; in tag
/// keys, tag values and field keys, commas, equals signs and spaces; in string field values, double quotes and
/// backslashes. A backslash elsewhere is kept literally by the server but cannot end a name, so names and tags
/// holding a backslash or a line break are refused rather than written ambiguously.
/// </summary>
public static class LineProtocol
{
    /// <summary>One line for the point, without the trailing newline; nanosecond precision.</summary>
    public static string Encode(AnalyticsPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var line = new StringBuilder(128);
        CheckName(point.Measurement, "measurement");
        if (point.Measurement[0] == '#')
        {
            throw new ArgumentException("A measurement may not start with '#' (a comment line).", nameof(point));
        }

        Escape(line, point.Measurement, measurement: true);
        foreach (var (key, value) in point.Tags.Where(t => !string.IsNullOrEmpty(t.Value)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            CheckName(key, "tag key");
            CheckName(value, "tag value");
            line.Append(',');
            Escape(line, key, measurement: false);
            line.Append('=');
            Escape(line, value, measurement: false);
        }

        if (point.Fields.Count == 0)
        {
            throw new ArgumentException($"A point of '{point.Measurement}' needs at least one field.", nameof(point));
        }

        var separator = ' ';
        foreach (var (key, value) in point.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            CheckName(key, "field key");
            line.Append(separator);
            separator = ',';
            Escape(line, key, measurement: false);
            line.Append('=');
            AppendFieldValue(line, key, value);
        }

        line.Append(' ').Append(point.UnixNanoseconds.ToString(CultureInfo.InvariantCulture));
        return line.ToString();
    }

    /// <summary>The lines of a batch, newline-separated, as the body of one <c>/write</c> request.</summary>
    public static string EncodeBatch(IEnumerable<string> lines) => string.Join('\n', lines);

    /// <summary>The field value as stored text (the SQLite adapter stores the same values as JSON).</summary>
    internal static void CheckFieldValue(string key, object value)
    {
        switch (value)
        {
            case double d when !double.IsFinite(d):
                throw new ArgumentException($"Field '{key}' is not a finite number.", nameof(value));
            case float f when !float.IsFinite(f):
                throw new ArgumentException($"Field '{key}' is not a finite number.", nameof(value));
            case long or int or double or float or bool or string:
                return;
            default:
                throw new ArgumentException($"Field '{key}' has a value of type {value?.GetType().Name ?? "null"}; use long, int, double, bool or string.", nameof(value));
        }
    }

    private static void AppendFieldValue(StringBuilder line, string key, object value)
    {
        CheckFieldValue(key, value);
        switch (value)
        {
            case long l:
                line.Append(l.ToString(CultureInfo.InvariantCulture)).Append('i');
                break;
            case int i:
                line.Append(i.ToString(CultureInfo.InvariantCulture)).Append('i');
                break;
            case double d:
                line.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float f:
                line.Append(((double)f).ToString("R", CultureInfo.InvariantCulture));
                break;
            case bool b:
                line.Append(b ? "true" : "false");
                break;
            case string s:
                line.Append('"');
                foreach (var c in s)
                {
                    if (c is '"' or '\\')
                    {
                        line.Append('\\');
                    }

                    line.Append(c);
                }

                line.Append('"');
                break;
        }
    }

    private static void Escape(StringBuilder line, string text, bool measurement)
    {
        foreach (var c in text)
        {
            if (c is ',' or ' ' || (!measurement && c == '='))
            {
                line.Append('\\');
            }

            line.Append(c);
        }
    }

    private static void CheckName(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"An empty {what}.", nameof(name));
        }

        if (name.AsSpan().IndexOfAny('\\', '\n', '\r') >= 0 || name.AsSpan().IndexOfAny('\t', '\0') >= 0)
        {
            throw new ArgumentException($"The {what} '{name.ReplaceLineEndings(" ")}' holds a backslash, tab or line break, which line protocol cannot carry.", nameof(name));
        }

        if (what != "tag value" && what != "measurement" && name == "time")
        {
            throw new ArgumentException($"'time' is reserved and cannot be a {what}.", nameof(name));
        }
    }
}
