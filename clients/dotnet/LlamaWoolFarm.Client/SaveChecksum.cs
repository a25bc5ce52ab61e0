using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlamaWoolFarm.Client;

/// <summary>
/// The checksum the server expects beside an uploaded save (docs/saves.md, GAME_RULES §10): SHA-256, lower-case hex,
/// over the canonical JSON of the save — object keys sorted by UTF-16 code unit, no whitespace, every top-level field
/// except <c>checksum</c>, strings escaped as JSON.stringify does, numbers in their shortest round-trip form. The
/// same rules as the server's <c>SaveChecksum</c>, so an upload is refused (<c>INTEGRITY_MISMATCH</c>) only when the
/// save really changed on its way.
/// </summary>
public static class SaveChecksum
{
    private const string ChecksumField = "checksum";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string Compute(JsonObject save)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(CanonicalJson(save));
        var hex = new char[hash.Length * 2];
        for (var i = 0; i < hash.Length; i++)
        {
            hex[2 * i] = HexDigit(hash[i] >> 4);
            hex[(2 * i) + 1] = HexDigit(hash[i] & 0xF);
        }

        return new string(hex);
    }

    public static byte[] CanonicalJson(JsonObject save)
    {
        if (save is null)
        {
            throw new ArgumentNullException(nameof(save));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteObject(writer, save, skipChecksum: true);
        }

        return buffer.ToArray();
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    private static void WriteObject(Utf8JsonWriter writer, JsonObject node, bool skipChecksum)
    {
        writer.WriteStartObject();
        foreach (var pair in node.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (skipChecksum && pair.Key == ChecksumField)
            {
                continue;
            }

            writer.WritePropertyName(pair.Key);
            WriteNode(writer, pair.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                WriteObject(writer, obj, skipChecksum: false);
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteValue(writer, node.AsValue());
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                writer.WriteStringValue(value.GetValue<string>());
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            case JsonValueKind.Number:
                WriteNumber(writer, value.ToJsonString());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string raw)
    {
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
            return;
        }

        // JSON.stringify writes the shortest round-trip form with a lower-case, signed exponent ("1e+21").
        var text = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        if (text.Contains('e') && !text.Contains("e-", StringComparison.Ordinal) && !text.Contains("e+", StringComparison.Ordinal))
        {
            text = text.Replace("e", "e+");
        }

        writer.WriteRawValue(text, skipInputValidation: true);
    }
}
