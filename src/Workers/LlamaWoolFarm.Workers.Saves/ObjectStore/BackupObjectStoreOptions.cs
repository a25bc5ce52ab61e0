using System.ComponentModel.DataAnnotations;

namespace LlamaWoolFarm.Workers.Saves.ObjectStore;

/// <summary>
/// The S3-compatible bucket backups are also written to (section <c>Saves:Backups:ObjectStore</c>). Off while
/// <see cref="ServiceUrl"/> is empty; once it is set, the bucket and both keys are required and checked at start. The
/// keys have no default anywhere: give them as environment variables (<c>Saves__Backups__ObjectStore__SecretKey</c>)
/// or as files (<see cref="AccessKeyFile"/>, <see cref="SecretKeyFile"/>, e.g. mounted Docker or Kubernetes secrets).
/// </summary>
public sealed class BackupObjectStoreOptions : IValidatableObject
{
    public const string SectionName = "Saves:Backups:ObjectStore";

    /// <summary>The store's endpoint, e.g. <c>https://s3.eu-west-1.amazonaws.com</c> or <c>http://minio:9000</c>.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    /// <summary>The region the requests are signed for (MinIO and most S3-compatible stores accept any).</summary>
    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>A file holding the access key (its content, trimmed), instead of <see cref="AccessKey"/>.</summary>
    public string? AccessKeyFile { get; set; }

    /// <summary>A file holding the secret key (its content, trimmed), instead of <see cref="SecretKey"/>.</summary>
    public string? SecretKeyFile { get; set; }

    /// <summary>Put before every object key (<c>{Prefix}{player}/{backup}.json</c>), so one bucket can hold several games.</summary>
    public string Prefix { get; set; } = "backups/";

    /// <summary>
    /// Empty: no encryption header (the bucket's default applies). <c>AES256</c>: every object is written with
    /// <c>x-amz-server-side-encryption: AES256</c> (SSE-S3; on MinIO it needs a KMS configured).
    /// </summary>
    public string? ServerSideEncryption { get; set; }

    /// <summary>Path-style addresses (<c>{ServiceUrl}/{bucket}/{key}</c>), which MinIO and most self-hosted stores need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>How often backups not yet exported (the store was unreachable) are tried again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one request to the store may take before the store counts as unreachable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(ServiceUrl);

    /// <summary>The access key, from the setting or its file.</summary>
    public string ResolvedAccessKey => Resolve(AccessKey, AccessKeyFile);

    /// <summary>The secret key, from the setting or its file.</summary>
    public string ResolvedSecretKey => Resolve(SecretKey, SecretKeyFile);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult($"{SectionName}:ServiceUrl must be the store's absolute http(s) URL, e.g. https://s3.eu-west-1.amazonaws.com.");
        }

        if (string.IsNullOrWhiteSpace(Bucket))
        {
            yield return new ValidationResult($"{SectionName}:Bucket is required when {SectionName}:ServiceUrl is set.");
        }

        foreach (var problem in KeyProblems("AccessKey", AccessKey, AccessKeyFile).Concat(KeyProblems("SecretKey", SecretKey, SecretKeyFile)))
        {
            yield return new ValidationResult(problem);
        }

        if (!string.IsNullOrEmpty(ServerSideEncryption) && ServerSideEncryption != "AES256")
        {
            yield return new ValidationResult($"{SectionName}:ServerSideEncryption must be empty (the bucket's default) or AES256.");
        }

        if (Prefix.StartsWith('/'))
        {
            yield return new ValidationResult($"{SectionName}:Prefix must not start with '/' (object keys are relative to the bucket).");
        }

        if (RetryInterval < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult($"{SectionName}:RetryInterval must be at least 1 second.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"{SectionName}:Timeout must be between 0 and 5 minutes.");
        }
    }

    private static IEnumerable<string> KeyProblems(string name, string? value, string? file)
    {
        var key = $"{SectionName}:{name}";
        if (string.IsNullOrWhiteSpace(value) == string.IsNullOrWhiteSpace(file))
        {
            yield return $"{key} or {key}File (exactly one) is required when {SectionName}:ServiceUrl is set; it has no default.";
        }
        else if (!string.IsNullOrWhiteSpace(file) && (!File.Exists(file) || File.ReadAllText(file).Trim().Length == 0))
        {
            yield return $"{key}File names {file}, which does not exist or is empty.";
        }
    }

    private static string Resolve(string? value, string? file) =>
        !string.IsNullOrWhiteSpace(value) ? value : !string.IsNullOrWhiteSpace(file) ? File.ReadAllText(file).Trim() : string.Empty;
}
