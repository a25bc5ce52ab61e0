using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlamaWoolFarm.Domain.Numbers;

/// <summary>
/// Big numbers travel as decimal strings. JSON numbers are refused: a double would already have lost
/// the value the client meant, and coercing it silently is what GAME_RULES §1 forbids.
/// </summary>
public sealed class BigNumberJsonConverter : JsonConverter<BigNumber>
{
    public override BigNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A big number must be a decimal string, not a JSON {reader.TokenType}.");
        }

        // The length check first keeps a hostile multi-megabyte string from being copied.
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > BigNumber.MaxStringLength)
        {
            var text = reader.GetString();
            return BigNumber.TryParse(text, out var escaped) ? escaped : throw Invalid();
        }

        Span<char> chars = stackalloc char[BigNumber.MaxStringLength];
        var span = reader.ValueSpan;
        for (var i = 0; i < span.Length; i++)
        {
            chars[i] = (char)span[i];
        }

        return BigNumber.TryParse(chars[..span.Length], out var value) ? value : throw Invalid();
    }

    public override void Write(Utf8JsonWriter writer, BigNumber value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // Written raw so the default encoder does not turn "1e+21" into "1e\u002B21"; the text is only [0-9.e+-].
        Span<char> buffer = stackalloc char[BigNumber.MaxStringLength + 2];
        buffer[0] = '"';
        // The exact form: stored states must not drift by a rounding per write (the API's views use ToString).
        if (!value.TryFormatRoundTrip(buffer[1..], out var written))
        {
            throw new JsonException("The number could not be formatted.");
        }

        buffer[written + 1] = '"';
        writer.WriteRawValue(buffer[..(written + 2)], skipInputValidation: true);
    }

    private static JsonException Invalid() =>
        new("A big number must be a decimal string (plain or e-notation) of at most 64 characters; NaN and Infinity are refused.");
}
