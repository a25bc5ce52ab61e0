using Microsoft.FeatureManagement;

namespace LlamaWoolFarm.Gateway.Features;

/// <summary>
/// The flags as the library sees them: those of settings (section <c>FeatureManagement</c>, read by the library's
/// own configuration provider), each replaced by an admin's run-time override when there is one. An override is
/// turned into the library's own filters, so evaluation stays the library's: AlwaysOn, or Microsoft.Targeting with
/// the player id as user id (a stable hash of player and flag decides the percentage, the same on every instance).
/// </summary>
public sealed class OverlaidFeatureDefinitions(IConfiguration configuration, FeatureOverrides overrides) : IFeatureDefinitionProvider
{
    public const string TargetingFilter = "Microsoft.Targeting";
    public const string AlwaysOnFilter = "AlwaysOn";

    private readonly ConfigurationFeatureDefinitionProvider _settings = new(configuration);

    /// <summary>True when settings define <paramref name="name"/>.</summary>
    public async Task<bool> IsDefinedInSettingsAsync(string name) =>
        await _settings.GetFeatureDefinitionAsync(name) is not null;

    public async Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName)
    {
        var all = await overrides.AllAsync();
        return all.TryGetValue(featureName, out var value)
            ? Definition(featureName, value)
            : await _settings.GetFeatureDefinitionAsync(featureName);
    }

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        var all = await overrides.AllAsync();
        await foreach (var definition in _settings.GetAllFeatureDefinitionsAsync())
        {
            yield return all.TryGetValue(definition.Name, out var value) ? Definition(definition.Name, value) : definition;
        }
    }

    /// <summary>The library's definition of an override.</summary>
    public static FeatureDefinition Definition(string name, FeatureOverride value)
    {
        if (!value.Enabled)
        {
            return new FeatureDefinition { Name = name, Status = FeatureStatus.Disabled, EnabledFor = [] };
        }

        if (!value.IsRollout)
        {
            return new FeatureDefinition { Name = name, EnabledFor = [new FeatureFilterConfiguration { Name = AlwaysOnFilter }] };
        }

        var audience = new Dictionary<string, string?>
        {
            ["Audience:DefaultRolloutPercentage"] = (value.Percentage ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < value.Players.Count; i++)
        {
            audience[$"Audience:Users:{i}"] = PlayerFeatures.UserId(value.Players[i]);
        }

        return new FeatureDefinition
        {
            Name = name,
            EnabledFor = [new FeatureFilterConfiguration { Name = TargetingFilter, Parameters = new ConfigurationBuilder().AddInMemoryCollection(audience).Build() }],
        };
    }
}
