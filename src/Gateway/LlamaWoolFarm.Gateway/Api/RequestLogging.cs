using LlamaWoolFarm.ServiceDefaults.Auth;
using Serilog;

namespace LlamaWoolFarm.Gateway.Api;

/// <summary>
/// One log line per request with its request id, player and address. Only the path is logged: query strings
/// (which carry hub access tokens) and bodies (passwords, codes) never are.
/// </summary>
public static class RequestLogging
{
    public static IApplicationBuilder UseGatewayRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("RequestId", context.TraceIdentifier);
                diagnostics.Set("ClientAddress", RateLimiting.Address(context));
                var player = context.User.FindFirst(AuthenticationExtensions.SubjectClaim)?.Value;
                if (player is not null)
                {
                    diagnostics.Set("PlayerId", player);
                }
            };
        });
}
