using System.Text.Json;

namespace LlamaWoolFarm.Fuzz.Tests;

/// <summary>One operation of the served OpenAPI document: method, path template, parameters and body properties.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<ApiProperty> BodyProperties, bool HasBody)
{
    public bool IsAdmin => Path.StartsWith("/api/v1/admin", StringComparison.OrdinalIgnoreCase);

    public bool Mutates => Method is not "GET";

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>A path or query parameter and its schema type (string, integer, boolean, …).</summary>
public sealed record ApiParameter(string Name, string In, string Type, string? Format);

/// <summary>A property of a JSON request body and its schema type.</summary>
public sealed record ApiProperty(string Name, string Type);

/// <summary>Reads the operations out of <c>/openapi/v1.json</c>.</summary>
public static class ApiSurface
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static IReadOnlyList<ApiOperation> Read(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var parameters = new List<ApiParameter>();
                if (operation.TryGetProperty("parameters", out var list))
                {
                    foreach (var p in list.EnumerateArray())
                    {
                        var schema = p.TryGetProperty("schema", out var ps) ? ps : default;
                        parameters.Add(new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, TypeOf(schema, schemas), FormatOf(schema)));
                    }
                }

                var properties = new List<ApiProperty>();
                var hasBody = operation.TryGetProperty("requestBody", out var body);
                if (hasBody && body.TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        var schema = Resolve(media.Value.TryGetProperty("schema", out var ms) ? ms : default, schemas);
                        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var props))
                        {
                            properties.AddRange(props.EnumerateObject().Select(p => new ApiProperty(p.Name, TypeOf(p.Value, schemas))));
                        }
                    }
                }

                operations.Add(new ApiOperation(method.ToUpperInvariant(), path.Name, parameters, properties, hasBody));
            }
        }

        return operations;
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object)
        {
            var name = reference.GetString()!.Split('/')[^1];
            return schemas.TryGetProperty(name, out var target) ? target : default;
        }

        return schema;
    }

    private static string TypeOf(JsonElement schema, JsonElement schemas)
    {
        schema = Resolve(schema, schemas);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return "object";
        }

        // OpenAPI 3.1 writes nullable types as ["string", "null"].
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "object"
            : type.GetString() ?? "object";
    }

    private static string? FormatOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format) ? format.GetString() : null;
}
