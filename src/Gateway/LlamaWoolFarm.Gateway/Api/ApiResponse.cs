using System.Text.Json.Serialization;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>The envelope of every HTTP answer: <c>{ success, data?, error?, meta }</c>.</summary>
public sealed record ApiResponse(
    bool Success,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiError? Error,
    ApiMeta Meta);

/// <summary>A refusal: a stable <c>code</c>, a human message, and per-field details for validation errors.</summary>
public sealed record ApiError(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Details);

/// <summary>When the answer was made and the request id to quote in a support request (also the X-Request-Id header).</summary>
public sealed record ApiMeta(DateTimeOffset Timestamp, string RequestId);
