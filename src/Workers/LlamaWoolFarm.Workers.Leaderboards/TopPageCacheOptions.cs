using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Workers.Leaderboards;

/// <summary>The cache of the boards' top pages (section <c>Leaderboards</c>).</summary>
public sealed class TopPageCacheOptions : IValidatableObject
{
    public const string SectionName = "Leaderboards";

    /// <summary>
    /// How long an answered top page is reused (<c>Leaderboards:TopPageCacheSeconds</c>; 0 turns the cache off): scores
    /// reach the pages at most this much later, and a burst of readers of a board costs one query per period.
    /// </summary>
    public int TopPageCacheSeconds { get; set; } = 2;

    /// <summary>The problems with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() =>
        TopPageCacheSeconds is >= 0 and <= 60 ? [] : [$"{SectionName}:TopPageCacheSeconds must be between 0 and 60; got {TopPageCacheSeconds}."];

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate().Select(e => new ValidationResult(e));
}
