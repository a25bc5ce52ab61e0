using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Storage.Cache;

/// <summary>The cache settings (section <c>Cache</c>).</summary>
public sealed class CacheOptions : IValidatableObject
{
    public const string SectionName = "Cache";

    /// <summary>Prefix of every cache key in Redis (<c>Cache:KeyPrefix</c>), so deployments sharing a server stay apart.</summary>
    public string KeyPrefix { get; set; } = "lwf:cache:";

    /// <summary>The largest value accepted, in bytes of JSON (<c>Cache:MaxValueBytes</c>); larger ones are refused.</summary>
    public int MaxValueBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long a process keeps its own copy of a Redis entry at most (<c>Cache:LocalCopySeconds</c>; 0 for none): an
    /// overwrite or removal made by another process is seen here after at most this long, or the entry's expiry.
    /// </summary>
    public int LocalCopySeconds { get; set; } = 10;

    /// <summary>The problems with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            errors.Add($"{SectionName}:KeyPrefix must not be empty.");
        }

        if (MaxValueBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"{SectionName}:MaxValueBytes must be between 1024 and 16777216; got {MaxValueBytes}.");
        }

        if (LocalCopySeconds is < 0 or > 3600)
        {
            errors.Add($"{SectionName}:LocalCopySeconds must be between 0 and 3600; got {LocalCopySeconds}.");
        }

        return errors;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate().Select(e => new ValidationResult(e));
}
