using System.Text.Json;

namespace LlamaWoolFarm.Client;

/// <summary>The serializer settings of every request and answer: camelCase as the gateway writes it.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
