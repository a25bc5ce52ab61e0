using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlamaWoolFarm.Storage.Documents;

/// <summary>How documents are written as JSON: camelCase web defaults, enums as strings.</summary>
public static class DocumentJson
{
    /// <summary>The serializer options every adapter that stores JSON uses.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
