namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// Routing's own refusals, 405 (a method the path does not take) and 415 (a body type the endpoint does not take),
/// answered without asking for a token. Routing selects an endpoint of its own for them, without metadata, so the
/// fallback policy (an authenticated player) would answer 401 first, even on the public sign-in routes: a client
/// that posts a form to <c>auth/guest</c> would be told to sign in. They reveal nothing the public OpenAPI document
/// does not list, and run no handler; the status code pages put them in the envelope.
/// </summary>
public static class RoutingRejections
{
    // The display names of the endpoints HttpMethodMatcherPolicy and AcceptsMatcherPolicy select (ASP.NET Core's own).
    private const string MethodNotSupported = "405 HTTP Method Not Supported";
    private const string MediaTypeNotSupported = "415 HTTP Unsupported Media Type";

    /// <summary>After the rate limiter (they still count), before authorization.</summary>
    public static IApplicationBuilder UseRoutingRejections(this IApplicationBuilder app) => app.Use((context, next) =>
        context.GetEndpoint() is { Metadata.Count: 0, RequestDelegate: { } answer, DisplayName: MethodNotSupported or MediaTypeNotSupported }
            ? answer(context)
            : next(context));
}
