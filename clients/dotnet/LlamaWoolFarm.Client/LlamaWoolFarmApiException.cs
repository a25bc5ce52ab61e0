using System.Net;
using System.Text.Json;

namespace LlamaWoolFarm.Client;

/// <summary>
/// A refusal from the server, with the envelope's stable error code (<c>VALIDATION_ERROR</c>, <c>SAVE_CONFLICT</c>,
/// <c>MAINTENANCE</c>, …), message and details. Thrown after the client's own retries are spent.
/// </summary>
public sealed class LlamaWoolFarmApiException : Exception
{
    public LlamaWoolFarmApiException()
    {
    }

    public LlamaWoolFarmApiException(string message)
        : base(message)
    {
    }

    public LlamaWoolFarmApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LlamaWoolFarmApiException(HttpStatusCode status, string code, string message, JsonElement? details, string? requestId)
        : base($"{(int)status} {code}: {message}")
    {
        Status = status;
        Code = code;
        Details = details;
        RequestId = requestId;
    }

    public HttpStatusCode Status { get; }

    public string Code { get; } = string.Empty;

    public JsonElement? Details { get; }

    public string? RequestId { get; }
}
