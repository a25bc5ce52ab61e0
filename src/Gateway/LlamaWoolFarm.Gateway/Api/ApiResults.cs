using Microsoft.AspNetCore.Http.HttpResults;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>Builds enveloped results, so no endpoint writes a bare body.</summary>
public static class ApiResults
{
    public static JsonHttpResult<ApiResponse> Ok(HttpContext context, object data, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Json(new ApiResponse(true, data, null, Meta(context)), statusCode: statusCode);

    public static JsonHttpResult<ApiResponse> Error(
        HttpContext context,
        int statusCode,
        string code,
        string message,
        IReadOnlyDictionary<string, string[]>? details = null) =>
        TypedResults.Json(new ApiResponse(false, null, new ApiError(code, message, details), Meta(context)), statusCode: statusCode);

    /// <summary>Writes an error envelope straight to the response (middleware, status code pages, exception handler).</summary>
    public static Task WriteErrorAsync(HttpContext context, int statusCode, string code, string message) =>
        Error(context, statusCode, code, message).ExecuteAsync(context);

    public static ApiMeta Meta(HttpContext context) => new(DateTimeOffset.UtcNow, context.TraceIdentifier);
}
