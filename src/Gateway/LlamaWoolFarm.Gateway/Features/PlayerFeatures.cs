using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace LlamaWoolFarm.Gateway.Features;

/// <summary>
/// Evaluates every flag for one player, with the player id as the targeting user id: the same player gets the same
/// answers on every call and every gateway instance until the flag changes. An anonymous caller gets the defaults:
/// only flags on for everyone (a rollout needs a player to be placed in it).
/// </summary>
public sealed class PlayerFeatures(IFeatureManager features, IFeatureDefinitionProvider definitions)
{
    /// <summary>The targeting user id of a player.</summary>
    public static string UserId(Guid playerId) => playerId.ToString("D");

    public async Task<IReadOnlyDictionary<string, bool>> ForAsync(Guid? playerId, CancellationToken cancellationToken = default)
    {
        var answers = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var name in features.GetFeatureNamesAsync().WithCancellation(cancellationToken))
        {
            answers[name] = playerId is { } player
                ? await features.IsEnabledAsync(name, new TargetingContext { UserId = UserId(player), Groups = [] })
                : OnForEveryone(await definitions.GetFeatureDefinitionAsync(name));
        }

        return answers;
    }

    private static bool OnForEveryone(FeatureDefinition? definition) =>
        definition is not null
        && definition.Status != FeatureStatus.Disabled
        && definition.EnabledFor.Any(f => f.Name is OverlaidFeatureDefinitions.AlwaysOnFilter or "Microsoft.AlwaysOn");
}
