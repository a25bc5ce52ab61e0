using LlamaWoolFarm.ServiceDefaults.Hosting;
using LlamaWoolFarm.Storage;
using LlamaWoolFarm.Storage.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace LlamaWoolFarm.ServiceDefaults.Auth;

/// <summary>JWT bearer authentication as the gateway and the realtime hub both use it.</summary>
public static class AuthenticationExtensions
{
    /// <summary>
    /// The cookie the admin page sets (<c>POST admin/dashboard-session</c>) so an admin's browser can open the
    /// scheduler dashboard: it holds the admin's access token and is honoured on the dashboard path only.
    /// </summary>
    public const string DashboardCookie = "lwf_dashboard";

    /// <summary>Where the scheduler dashboard is mounted (<c>Scheduler:DashboardPath</c>, default <c>/hangfire</c>).</summary>
    public static string DashboardPath(IConfiguration configuration) => configuration["Scheduler:DashboardPath"] is { Length: > 1 } path ? path : "/hangfire";

    /// <summary>Player id claim of access tokens.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>Role claim of access tokens (<c>player</c>, <c>admin</c>).</summary>
    public const string RoleClaim = "role";

    /// <summary>
    /// Validates access tokens signed with the deployment's key. Browsers cannot set headers on WebSocket
    /// requests, so on <c>/hubs</c> the token may also come as the <c>access_token</c> query parameter.
    /// </summary>
    public static IHostApplicationBuilder AddJwtAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<AuthOptions>(AuthOptions.SectionName);
        // The key is resolved once the settings passed their checks (a generated development key lives in the data folder).
        builder.Services.AddStorageSettings();
        builder.Services.AddSingleton(sp =>
        {
            var auth = sp.GetRequiredService<AuthOptions>();
            return new TokenSigning(SigningKeys.Resolve(auth, sp.GetRequiredService<StorageOptions>().DataPath), auth);
        });
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenSigning>((options, signing) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = signing.Options.Issuer,
                ValidAudience = signing.Options.Audience,
                IssuerSigningKey = signing.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = SubjectClaim,
                RoleClaimType = RoleClaim,
            };
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal))
                    {
                        context.Token = token;
                    }
                    else if (context.Request.Cookies.TryGetValue(DashboardCookie, out var cookie)
                        && context.HttpContext.Request.Path.StartsWithSegments(DashboardPath(builder.Configuration), StringComparison.OrdinalIgnoreCase))
                    {
                        // Browsers open dashboards by navigation, which carries no bearer header. The cookie counts
                        // on the dashboard path only, so the API never accepts ambient credentials (no CSRF there).
                        context.Token = cookie;
                    }

                    return Task.CompletedTask;
                },
                OnTokenValidated = async context =>
                {
                    // A banned player's valid tokens are refused on every host that registered the ban list.
                    if (context.HttpContext.RequestServices.GetService<BanList>() is { } bans
                        && Guid.TryParse(context.Principal?.FindFirst(SubjectClaim)?.Value, out var player)
                        && await bans.FindAsync(player, context.HttpContext.RequestAborted) is { } ban)
                    {
                        context.HttpContext.Items[BanList.BannedItem] = ban;
                        context.Fail("The account is banned.");
                    }
                },
            };
        });
        builder.Services.AddAuthorization();
        return builder;
    }
}

/// <summary>The resolved signing key with the token settings, for the component that issues tokens.</summary>
public sealed record TokenSigning(SymmetricSecurityKey Key, AuthOptions Options);
