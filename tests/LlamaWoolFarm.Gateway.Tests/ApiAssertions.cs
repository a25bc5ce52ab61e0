using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>Reads the response envelope and checks its shape.</summary>
internal static class ApiAssertions
{
    public static async Task<JsonElement> ErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("meta").GetProperty("requestId").GetString()));
        return body.GetProperty("error");
    }

    public static async Task<JsonElement> DataAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.True(body.GetProperty("success").GetBoolean());
        return body.GetProperty("data");
    }
}
