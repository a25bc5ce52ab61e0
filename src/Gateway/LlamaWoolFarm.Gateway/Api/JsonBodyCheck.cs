using System.Text.Json;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>The checks of <see cref="JsonBodyGuardMiddleware"/> on a whole body, without I/O.</summary>
public static class JsonBodyCheck
{
    /// <summary>Null when the body is acceptable JSON; otherwise why not, in words a client can act on.</summary>
    public static string? Problem(ReadOnlySpan<byte> body, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(body, options);
        // One set of names per open object; null until the object's first property, and for arrays.
        var names = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        names.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        names.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        // GetString decodes escapes and UTF-8, and throws on a lone surrogate or invalid bytes.
                        var name = reader.GetString()!;
                        if (names.Peek() is { } seen && !seen.Add(name))
                        {
                            return $"The property '{Shorten(name)}' appears twice in one object.";
                        }

                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped || !System.Text.Ascii.IsValid(reader.ValueSpan):
                        _ = reader.GetString();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return $"The body is not one well-formed JSON value (at most {options.MaxDepth} levels deep; no NaN, Infinity or comments).";
        }
        catch (InvalidOperationException)
        {
            return "A string is not well-formed UTF-16 (a lone surrogate escape such as \\ud800) or not valid UTF-8.";
        }

        return null;
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
