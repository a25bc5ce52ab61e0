using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Features;
using LlamaWoolFarm.Gateway.Requests;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// Feature flags: <c>config/features</c> gives the flags for the caller (anonymous: the defaults);
/// <c>admin/features</c> reads them and overrides one at run time, no restart (role <c>admin</c>, by the admin convention).
/// </summary>
public static class FeatureEndpoints
{
    public static RouteGroupBuilder MapFeatures(this RouteGroupBuilder api)
    {
        api.MapGroup("/config").WithTags("config").MapGet("/features", ForCallerAsync).AllowAnonymous()
            .WithSummary("The feature flags for the caller, name to on/off; without a token, the defaults (flags on for everyone).")
            .Answers<CallerFeaturesView>();
        var admin = api.MapGroup("/admin/features").WithTags("admin");
        admin.MapGet(string.Empty, ListAsync)
            .WithSummary("Every flag defined in settings, with its run-time override if any.")
            .Answers<FeatureFlagsView>();
        admin.MapGet("/{name}", GetAsync)
            .WithSummary("One flag and its run-time override.")
            .Answers<FeatureFlagView>()
            .Refuses(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError)
            .Refuses(StatusCodes.Status404NotFound, ErrorCodes.NotFound);
        admin.MapPut("/{name}", SetAsync).Validate<FeatureFlagRequest>()
            .WithSummary("Override a flag at run time: off for everyone, on for everyone, or on for a percentage of players plus listed players.")
            .Answers<FeatureFlagView>()
            .Refuses(StatusCodes.Status404NotFound, ErrorCodes.NotFound);
        admin.MapDelete("/{name}", RemoveAsync)
            .WithSummary("Remove a flag's override: the settings apply again.")
            .Answers<FeatureRemovedView>()
            .Refuses(StatusCodes.Status404NotFound, ErrorCodes.NotFound);
        return api;
    }

    private static async Task<IResult> ForCallerAsync(HttpContext context, PlayerFeatures features)
    {
        Guid? player = context.User.Identity?.IsAuthenticated == true ? context.User.PlayerId() : null;
        return ApiResults.Ok(context, new CallerFeaturesView(await features.ForAsync(player, context.RequestAborted)));
    }

    private static async Task<IResult> ListAsync(HttpContext context, OverlaidFeatureDefinitions definitions, FeatureOverrides overrides)
    {
        var all = await overrides.AllAsync(context.RequestAborted);
        var flags = new List<FeatureFlagView>();
        await foreach (var definition in definitions.GetAllFeatureDefinitionsAsync())
        {
            flags.Add(View(definition.Name, all.GetValueOrDefault(definition.Name)));
        }

        return ApiResults.Ok(context, new FeatureFlagsView(flags));
    }

    private static async Task<IResult> GetAsync(string name, HttpContext context, OverlaidFeatureDefinitions definitions, FeatureOverrides overrides)
    {
        if (await Unknown(name, context, definitions) is { } refusal)
        {
            return refusal;
        }

        var all = await overrides.AllAsync(context.RequestAborted);
        return ApiResults.Ok(context, View(name, all.GetValueOrDefault(name)));
    }

    /// <summary>Stores the override; every gateway instance evaluates with it within <see cref="FeatureOverrides.CacheFor"/>.</summary>
    private static async Task<IResult> SetAsync(string name, FeatureFlagRequest request, HttpContext context, OverlaidFeatureDefinitions definitions, FeatureOverrides overrides, TimeProvider clock)
    {
        if (await Unknown(name, context, definitions) is { } refusal)
        {
            return refusal;
        }

        var value = new FeatureOverride(request.Enabled!.Value, request.Percentage, request.Players?.Distinct().ToList() ?? [], context.User.PlayerId(), clock.GetUtcNow());
        await overrides.SetAsync(name, value, context.RequestAborted);
        return ApiResults.Ok(context, View(name, value));
    }

    private static async Task<IResult> RemoveAsync(string name, HttpContext context, OverlaidFeatureDefinitions definitions, FeatureOverrides overrides)
    {
        if (await Unknown(name, context, definitions) is { } refusal)
        {
            return refusal;
        }

        var removed = await overrides.RemoveAsync(name, context.RequestAborted);
        return ApiResults.Ok(context, new FeatureRemovedView(removed, View(name, null)));
    }

    /// <summary>400 for a malformed name; 404 for a flag settings do not define (an override cannot invent one).</summary>
    private static async Task<IResult?> Unknown(string name, HttpContext context, OverlaidFeatureDefinitions definitions)
    {
        if (!FeatureFlagRequestValidator.IsValidName(name))
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The request is not valid.", new Dictionary<string, string[]>
            {
                ["name"] = ["A flag name starts with a letter and holds letters, digits, '.', '_' or '-', at most 64 characters."],
            });
        }

        return await definitions.IsDefinedInSettingsAsync(name)
            ? null
            : ApiResults.Error(context, 404, ErrorCodes.NotFound, "No feature flag of this name is defined in settings.");
    }

    private static FeatureFlagView View(string name, FeatureOverride? value) => new(
        name,
        value is null ? "settings" : "override",
        value is null ? null : new FeatureOverrideView(value.Enabled, value.Percentage, value.Players, value.SetAt));
}
