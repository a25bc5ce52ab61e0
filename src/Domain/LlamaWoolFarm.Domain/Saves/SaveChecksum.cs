using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlamaWoolFarm.Domain.Saves;

/// <summary>
/// GAME_RULES §10 integrity: SHA-256 (lower-case hex) over the canonical JSON of the save — object keys sorted
/// by UTF-16 code unit (JavaScript's default sort), no whitespace, every top-level field except "checksum".
/// Strings are escaped as JSON.stringify does (no HTML escaping), numbers in their shortest round-trip form.
/// </summary>
public static class SaveChecksum
{
    public const string ChecksumField = "checksum";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string Compute(GameSave save) => Compute(SaveJson.ToNode(save));

    /// <summary>Computed over the document as the client sent it, so fields this server does not model still count.</summary>
    public static string Compute(JsonObject save) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson(save)));

    /// <summary>True when no checksum was sent or it matches; a mismatch is INTEGRITY_MISMATCH.</summary>
    public static bool Verify(JsonObject save, string? checksum) =>
        string.IsNullOrEmpty(checksum) || string.Equals(Compute(save), checksum, StringComparison.OrdinalIgnoreCase);

    public static byte[] CanonicalJson(JsonObject save)
    {
        ArgumentNullException.ThrowIfNull(save);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteObject(writer, save, skipChecksum: true);
        }

        return buffer.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonObject node, bool skipChecksum)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in node.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (skipChecksum && key == ChecksumField)
            {
                continue;
            }

            writer.WritePropertyName(key);
            WriteNode(writer, value);
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

    private static void WriteNumber(Utf8JsonWriter writer, string raw)
    {
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
            return;
        }

        // JSON.stringify writes the shortest round-trip form with a lower-case, signed exponent ("1e+21").
        var text = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        if (text.Contains('e', StringComparison.Ordinal) && !text.Contains("e-", StringComparison.Ordinal) && !text.Contains("e+", StringComparison.Ordinal))
        {
            text = text.Replace("e", "e+", StringComparison.Ordinal);
        }

        writer.WriteRawValue(text, skipInputValidation: true);
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
}
