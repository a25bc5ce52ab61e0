using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Workers.Analytics.Services;

/// <summary>The analytics settings (configuration section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>
    /// Experiments by id: <c>Analytics:Experiments:shop-layout:Variants:control = 50</c>,
    /// <c>…:Variants:grid = 50</c>, optional <c>…:Enabled = false</c> to switch one off.
    /// </summary>
    public Dictionary<string, ExperimentSettings> Experiments { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One experiment: its variants with integer weights (shares of the players).</summary>
public sealed class ExperimentSettings
{
    public bool Enabled { get; set; } = true;

    public Dictionary<string, int> Variants { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Checks the analytics settings when the host starts and names each wrong one.</summary>
public sealed partial class AnalyticsOptionsValidator : IValidateOptions<AnalyticsOptions>
{
    /// <summary>Experiment ids and variant names: 1–64 lower-case letters, digits, '-' and '_', starting with a letter or digit.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    public static partial Regex IdPattern();

    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options) =>
        Validate(options) is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;

    /// <summary>The problems with the settings, each naming its setting; empty when they are usable.</summary>
    public static IReadOnlyList<string> Validate(AnalyticsOptions options)
    {
        var errors = new List<string>();
        foreach (var (id, experiment) in options.Experiments)
        {
            var setting = $"Analytics:Experiments:{id}";
            if (!IdPattern().IsMatch(id))
            {
                errors.Add($"{setting}: the experiment id must be 1-64 lower-case letters, digits, '-' or '_'.");
            }

            if (experiment.Variants.Count == 0)
            {
                errors.Add($"{setting}:Variants must name at least one variant with a weight.");
            }

            foreach (var (variant, weight) in experiment.Variants)
            {
                if (!IdPattern().IsMatch(variant))
                {
                    errors.Add($"{setting}:Variants:{variant}: the variant name must be 1-64 lower-case letters, digits, '-' or '_'.");
                }

                if (weight is < 1 or > 1_000_000)
                {
                    errors.Add($"{setting}:Variants:{variant} must be a weight from 1 to 1000000; got {weight}.");
                }
            }
        }

        return errors;
    }
}
