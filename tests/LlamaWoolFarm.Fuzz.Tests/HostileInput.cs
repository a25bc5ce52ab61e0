using System.Text;
using System.Text.Json.Nodes;

namespace LlamaWoolFarm.Fuzz.Tests;

/// <summary>
/// Builds bounded hostile requests for an operation from a seeded generator: malformed JSON, wrong types, nulls in
/// arrays, duplicate keys, lone surrogates, NUL, 1 MB strings, 10 MB bodies (a few), depth-5,000 nesting,
/// 1e400/NaN/Infinity/2^63, wrong content types and methods, and hostile path and query values.
/// </summary>
public sealed class HostileInput(Random random)
{
    /// <summary>How many 10 MB bodies and 1 MB strings one run sends at most.</summary>
    public const int MaxHugeBodies = 4;

    public const int MaxMegabyteStrings = 20;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    private static readonly string Deep = new string('[', 5000) + new string(']', 5000);

    // Values that are JSON but wrong: types, ranges, encodings.
    private static readonly string[] Values =
    [
        "null", "[]", "{}", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "1e-400", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "\"\"", "\"\\ud800\"", "\"x\\udc00y\"", "\"\\ud800\\ud800\"",
        "\"a\\u0000b\"", "[null]", "[null,null]", "[1,\"a\",null,{}]", "{\"a\":1,\"a\":2}", "[\"\\ud800\"]",
        "{\"\\ud800\":1}", "\"2026-13-45T99:99:99Z\"", "\"00000000-0000-0000-0000-000000000000\"", "\"' OR 1=1 --\"",
        "\"<script>alert(1)</script>\"", "\"%00\"", "\"../../etc/passwd\"", "\"" + new string('x', 5000) + "\"", Deep,
        "[[[[[[[[[[null]]]]]]]]]]", "\"\\u202e\\u200b\"", "\"🦙\"",
    ];

    // Not JSON at all.
    private static readonly string[] Malformed =
    [
        "", "{", "}", "[", "{\"a\":}", "[1,]", "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "nul", "NaN", "Infinity", "-Infinity",
        "{\"a\":NaN}", "{\"a\":Infinity}", "{'a':1}", "{a:1}", "{\"a\":01}", "{\"a\":0x10}", "\"unterminated",
        "{\"a\":\"raw\u0000nul\"}", "{\"a\":\"raw\ttab\"}", "/* comment */ {}", "\uFEFF{}", "{\"a\":1}garbage",
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=latin1", "application/jsonx", "*/*", "json",
    ];

    private static readonly string[] PathValues =
    [
        "..", "%2e%2e", ".", "%2e", "%2E%2e", "%00", "%ff%fe", "%zz", "%", "-1", "0", "9223372036854775808", "null",
        "undefined", "00000000-0000-0000-0000-000000000000", "%27%20OR%20%271%27%3D%271", "%3Cscript%3E",
        "%F0%9F%A6%99", "%ED%A0%80", "%C0%AE%C0%AE", "a%2Fb", "%5C..%5C", "~", "1e400", "NaN",
    ];

    private static readonly string[] QueryValues =
    [
        "-1", "0", "999999999999", "abc", "", "%00", "%zz", "true", "1e400", "NaN", "Infinity", "9223372036854775808",
        "%ED%A0%80", "%FF", "2026-13-45T99:99:99Z", "%27%22%3C%3E", "[]", "{}", "null",
    ];

    private int _hugeBodies;
    private int _megabyteStrings;

    /// <summary>A hostile request for <paramref name="operation"/>; <paramref name="methodsAtPath"/> keeps a wrong method wrong.</summary>
    public HostileRequest For(ApiOperation operation, IReadOnlySet<string> methodsAtPath, JsonObject? currentSave, long revision)
    {
        var target = Target(operation);
        var roll = random.Next(100);
        if (roll < 6)
        {
            var wrong = Methods.Where(m => !methodsAtPath.Contains(m)).ToArray();
            if (wrong.Length > 0)
            {
                var method = Pick(wrong);
                return method is "GET" or "OPTIONS"
                    ? new HostileRequest(method, target, null, null, false, "wrong-method")
                    : new HostileRequest(method, target, Bytes(Pick(Values)), "application/json", false, "wrong-method");
            }
        }

        // Routes without parameters get a body on every request: a bare DELETE players/me would be a real deletion.
        var withBody = operation.HasBody || operation.Mutates;
        if (!withBody)
        {
            return new HostileRequest(operation.Method, target + Query(operation, force: true), null, null, false, "query");
        }

        var (body, kind) = Body(operation, currentSave, revision);
        var contentType = random.Next(100) < 15 ? Pick(ContentTypes) : "application/json";
        return new HostileRequest(operation.Method, target + Query(operation, force: false), body, contentType, random.Next(100) < 20, kind);
    }

    private (byte[] Body, string Kind) Body(ApiOperation operation, JsonObject? currentSave, long revision)
    {
        var roll = random.Next(100);
        if (roll < 1 && _hugeBodies < MaxHugeBodies)
        {
            _hugeBodies++;
            return (HugeBody(), "10MB-body");
        }

        if (roll < 3 && _megabyteStrings < MaxMegabyteStrings)
        {
            _megabyteStrings++;
            return (Bytes($$"""{"{{Name(operation)}}":"{{new string('m', 1024 * 1024)}}"}"""), "1MB-string");
        }

        if (roll < 18)
        {
            return (random.Next(4) == 0 ? RandomBytes() : Bytes(Pick(Malformed)), "malformed");
        }

        if (roll < 24)
        {
            return (Bytes(Pick(Values)), "top-level");
        }

        if (roll < 30)
        {
            var name = Name(operation);
            return (Bytes($$"""{"{{name}}":{{Plausible(operation, name)}},"{{name}}":{{Pick(Values)}}}"""), "duplicate-key");
        }

        if (currentSave is not null && operation.Path.EndsWith("/saves/current", StringComparison.Ordinal) && roll < 70)
        {
            return (Bytes(HostileSave(currentSave, revision)), "save");
        }

        return (Bytes(HostileObject(operation)), "wrong-values");
    }

    // Every property plausible but one to three hostile ones, so the hostile value reaches deep validation.
    private string HostileObject(ApiOperation operation)
    {
        var names = operation.BodyProperties.Select(p => p.Name).DefaultIfEmpty("value").ToList();
        var hostile = names.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToHashSet(StringComparer.Ordinal);
        var parts = names.Select(n => $"\"{n}\":{(hostile.Contains(n) ? Pick(Values) : Plausible(operation, n))}");
        return "{" + string.Join(",", parts) + "}";
    }

    // The player's own current save with one field made hostile (the saves worker's parsing and rules see it).
    private string HostileSave(JsonObject currentSave, long revision)
    {
        var save = currentSave.ToJsonString();
        var fields = currentSave.Select(p => p.Key).ToArray();
        var field = random.Next(3) == 0 ? Pick(["upgrades", "unlockedWoolTypes", "achievements"]) : Pick(fields);
        var value = random.Next(3) == 0 ? "[null]" : Pick(Values);
        var replaced = JsonNode.Parse(save)!.AsObject();
        replaced.Remove(field);
        // Appended after the original field: a duplicate key half the time, a replaced value otherwise.
        var hostile = (random.Next(2) == 0 ? save : replaced.ToJsonString())[..^1] + $",\"{field}\":{value}}}";
        return $$"""{"baseRevision":{{revision}},"save":{{hostile}}}""";
    }

    private string Plausible(ApiOperation operation, string name) =>
        (operation.BodyProperties.FirstOrDefault(p => p.Name == name)?.Type ?? "string") switch
        {
            "integer" or "number" => "1",
            "boolean" => "true",
            "array" => "[]",
            "object" => "{}",
            _ => "\"fuzz-value\"",
        };

    private string Target(ApiOperation operation)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var value = random.Next(100) < 10 ? new string('p', random.Next(100, 4000)) : Pick(PathValues);
            path = path.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private string Query(ApiOperation operation, bool force)
    {
        var query = operation.Parameters.Where(p => p.In == "query").ToList();
        if (!force && random.Next(100) >= 30)
        {
            return string.Empty;
        }

        var pairs = new List<string>();
        foreach (var parameter in query)
        {
            pairs.Add($"{parameter.Name}={Pick(QueryValues)}");
            if (random.Next(4) == 0)
            {
                pairs.Add($"{parameter.Name}={Pick(QueryValues)}");
            }
        }

        pairs.Add(random.Next(4) switch
        {
            0 => "unknown=" + new string('q', random.Next(1, 3000)),
            1 => "%zz=%zz",
            2 => "a[b][c]=1&a=2",
            _ => "x=%00%ED%A0%80",
        });
        return "?" + string.Join("&", pairs);
    }

    private string Name(ApiOperation operation) =>
        operation.BodyProperties.Count == 0 ? "value" : operation.BodyProperties[random.Next(operation.BodyProperties.Count)].Name;

    private byte[] HugeBody()
    {
        var body = new byte[10 * 1024 * 1024];
        Array.Fill(body, (byte)'[');
        return body;
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(1, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
