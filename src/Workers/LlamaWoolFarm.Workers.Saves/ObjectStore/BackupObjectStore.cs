using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Workers.Saves.Services;

namespace LlamaWoolFarm.Workers.Saves.ObjectStore;

/// <summary>
/// The bucket backups are exported to: one JSON object per backup, the <see cref="SaveBackup"/> document as the
/// primary store holds it, at <c>{Prefix}{player}/{backup}.json</c>. The player is part of the key, so a backup id is
/// only ever looked up under the asking player. Any failure to reach the store (refused, timed out, 5xx, refused
/// keys) is reported as <see cref="BackupObjectStoreUnavailableException"/>, so callers decide what an outage means.
/// </summary>
public sealed class BackupObjectStore(BackupObjectStoreOptions options) : IDisposable
{
    // Made on first use: the keys are read (from their files) only after the start-up check has passed.
    private readonly Lazy<IAmazonS3> _client = new(() => CreateClient(options));

    private IAmazonS3 S3 => _client.Value;

    public string Key(Guid playerId, Guid backupId) => $"{PlayerPrefix(playerId)}{backupId:N}.json";

    /// <summary>Writes the backup (the same id twice writes the same object: a retried export doubles nothing).</summary>
    public Task PutAsync(SaveBackup backup, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var request = new PutObjectRequest
            {
                BucketName = options.Bucket,
                Key = Key(backup.PlayerId, backup.BackupId),
                ContentBody = JsonSerializer.Serialize(backup, DocumentJson.Options),
                ContentType = "application/json",
                // A signed payload in one piece: s3rver and some self-hosted stores cannot read aws-chunked bodies.
                UseChunkEncoding = false,
            };
            request.Metadata["kind"] = backup.Kind;
            request.Metadata["day"] = backup.Day;
            if (options.ServerSideEncryption == "AES256")
            {
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256;
            }

            await S3.PutObjectAsync(request, cancellationToken);
            return true;
        });

    /// <summary>The ids of the player's backups in the bucket.</summary>
    public Task<IReadOnlyList<Guid>> ListAsync(Guid playerId, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<Guid>>(async () =>
        {
            var ids = new List<Guid>();
            var prefix = PlayerPrefix(playerId);
            var request = new ListObjectsV2Request { BucketName = options.Bucket, Prefix = prefix };
            do
            {
                var page = await S3.ListObjectsV2Async(request, cancellationToken);
                foreach (var item in page.S3Objects ?? [])
                {
                    var name = item.Key[prefix.Length..];
                    if (name.EndsWith(".json", StringComparison.Ordinal) && Guid.TryParseExact(name[..^5], "N", out var id))
                    {
                        ids.Add(id);
                    }
                }

                request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (request.ContinuationToken is not null);
            return ids;
        });

    /// <summary>
    /// The player's backup, or null when the bucket has none under this player. An object that does not read as this
    /// player's backup with this id and a matching checksum throws <see cref="BackupObjectUnreadableException"/>.
    /// </summary>
    public async Task<SaveBackup?> GetAsync(Guid playerId, Guid backupId, CancellationToken cancellationToken)
    {
        var text = await CallAsync(async () =>
        {
            try
            {
                using var response = await S3.GetObjectAsync(options.Bucket, Key(playerId, backupId), cancellationToken);
                using var reader = new StreamReader(response.ResponseStream);
                return await reader.ReadToEndAsync(cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });
        return text is null ? null : BackupObjectCheck.Read(text, playerId, backupId);
    }

    public Task DeleteAsync(Guid playerId, Guid backupId, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await S3.DeleteObjectAsync(options.Bucket, Key(playerId, backupId), cancellationToken);
            return true;
        });

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    /// <summary>The S3 client for <paramref name="options"/>: path-style, signed for its region, bounded in time and retries.</summary>
    public static IAmazonS3 CreateClient(BackupObjectStoreOptions options) =>
        new AmazonS3Client(
            new BasicAWSCredentials(options.ResolvedAccessKey, options.ResolvedSecretKey),
            new AmazonS3Config
            {
                ServiceURL = options.ServiceUrl,
                AuthenticationRegion = options.Region,
                ForcePathStyle = options.ForcePathStyle,
                Timeout = options.Timeout,
                // A store that is down is retried by the export marker, not by minutes of SDK back-off here.
                MaxErrorRetry = 1,
                // Checksums only where S3 requires them: S3-compatible stores do not all know the trailing CRC headers.
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });

    private string PlayerPrefix(Guid playerId) => $"{options.Prefix}{playerId:N}/";

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException
            || (e is TaskCanceledException && e.InnerException is TimeoutException))
        {
            throw new BackupObjectStoreUnavailableException($"The backup object store {options.ServiceUrl} (bucket {options.Bucket}) cannot be reached: {e.Message}", e);
        }
    }
}

/// <summary>The object store did not answer or refused the request; nothing was changed by the failed call.</summary>
public sealed class BackupObjectStoreUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>An object in the bucket is not a readable, intact backup of the player it is filed under.</summary>
public sealed class BackupObjectUnreadableException(string message, Exception? inner = null) : Exception(message, inner);
