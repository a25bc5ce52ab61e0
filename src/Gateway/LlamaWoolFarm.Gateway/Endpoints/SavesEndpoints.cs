using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/saves</c>: save sync and backups, answered at once by the saves worker (request/response).
/// </summary>
public static class SavesEndpoints
{
    /// <summary>A save is a few kilobytes; 64 KiB leaves room for settings without inviting abuse.</summary>
    public const int MaxSaveBodyBytes = 64 * 1024;

    public const string SaveConflict = "SAVE_CONFLICT";
    public const int DefaultHistoryLimit = 20;
    public const int MaxHistoryLimit = 100;

    private const int MaxIdempotencyKeyLength = 128;

    // The codes the saves worker refuses with; UNKNOWN_BASE_REVISION is a conflict with the server's revision.
    private static readonly Dictionary<string, int> RejectionStatus = new(StringComparer.Ordinal)
    {
        ["UNKNOWN_BASE_REVISION"] = StatusCodes.Status409Conflict,
    };

    public static RouteGroupBuilder MapSaves(this RouteGroupBuilder api)
    {
        var saves = api.MapGroup("/saves").WithTags("saves");
        saves.MapGet("/current", CurrentAsync);
        saves.MapPut("/current", UploadAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxSaveBodyBytes));
        saves.MapGet("/history", HistoryAsync);
        saves.MapGet("/backups", BackupsAsync);
        saves.MapPost("/backups", CreateBackupAsync);
        saves.MapPost("/backups/{backupId:guid}/restore", RestoreAsync);
        return api;
    }

    private static async Task<IResult> CurrentAsync(HttpContext context, IRequestClient<GetCurrentSave> saves)
    {
        var response = await saves.GetResponse<CurrentSave>(new GetCurrentSave(context.User.PlayerId()), context.RequestAborted);
        var current = response.Message;
        using var save = JsonDocument.Parse(current.Save);
        return ApiResults.Ok(context, new { revision = current.Revision, save = save.RootElement.Clone(), checksum = current.Checksum, at = current.At });
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context,
        IValidator<SaveUploadRequest> validator,
        IOptions<JsonOptions> json,
        IRequestClient<UploadSave> saves)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl))
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The Idempotency-Key header must be at most 128 printable characters.");
        }

        var (body, refusal) = await ReadBodyAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }

        SaveUploadRequest? request;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The body is not valid JSON for this request.", new Dictionary<string, string[]> { ["body"] = ["The value is malformed or of the wrong type."] });
        }

        using (document)
        {
            try
            {
                request = document.Deserialize<SaveUploadRequest>(json.Value.SerializerOptions);
            }
            catch (JsonException e)
            {
                // Only the JSON path of the offending value is echoed, never the serializer's message.
                var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
                return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The body is not valid JSON for this request.", new Dictionary<string, string[]> { [field] = ["The value is malformed or of the wrong type."] });
            }
        }

        if (request is null)
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "A JSON body is required.");
        }

        var validation = await validator.ValidateAsync(request, context.RequestAborted);
        if (!validation.IsValid)
        {
            var details = validation.Errors
                .GroupBy(e => string.IsNullOrEmpty(e.PropertyName) ? "body" : char.ToLowerInvariant(e.PropertyName[0]) + e.PropertyName[1..])
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The request is not valid.", details);
        }

        var playerId = context.User.PlayerId();
        var save = request.Save!.Value.GetRawText();
        // Without a key, the same upload (same base, save, checksum and choice) names the same command, so a
        // client that resends after a lost answer gets the first answer instead of a second revision.
        var commandId = CommandIdFor(playerId, key.Length > 0 ? $"key:{key}" : $"body:{request.BaseRevision}:{request.Checksum}:{request.Keep}:{save}");
        var upload = new UploadSave(commandId, playerId, context.TraceIdentifier, request.BaseRevision!.Value, save, request.Checksum, request.Keep);
        var response = await saves.GetResponse<SaveAccepted, SaveRejected, SaveConflictResolved>(upload, context.RequestAborted);
        if (response.Is(out Response<SaveAccepted>? accepted))
        {
            var a = accepted!.Message;
            return ApiResults.Ok(context, new { commandId, revision = a.Revision, checksum = a.Checksum, migrationSteps = a.MigrationSteps, replayed = a.Replayed, acceptedAt = a.AcceptedAt });
        }

        if (response.Is(out Response<SaveConflictResolved>? conflict))
        {
            var c = conflict!.Message;
            var winnerInfo = new { commandId, winner = c.Winner, decidedBy = c.DecidedBy, baseRevision = c.BaseRevision, currentRevision = c.CurrentRevision, loserBackupId = c.LoserBackupId, replayed = c.Replayed };
            var message = c.Winner == "device"
                ? "Another save was made from the same base; this upload won and the other is kept as a backup."
                : "Another save was made from the same base and stays current; this upload is kept as a backup.";
            return TypedResults.Json(new ApiResponse(false, winnerInfo, new ApiError(SaveConflict, message, null), ApiResults.Meta(context)), statusCode: StatusCodes.Status409Conflict);
        }

        response.Is(out Response<SaveRejected>? rejected);
        var r = rejected!.Message;
        var status = RejectionStatus.GetValueOrDefault(r.Code, StatusCodes.Status422UnprocessableEntity);
        var ruleDetails = r.Rules.Count == 0
            ? null
            : r.Rules.GroupBy(x => x.Rule).ToDictionary(g => g.Key, g => g.Select(x => $"{x.Subject}: {x.Detail}").ToArray());
        var data = new { commandId, currentRevision = r.CurrentRevision, rules = r.Rules };
        return TypedResults.Json(new ApiResponse(false, data, new ApiError(r.Code, r.Message, ruleDetails), ApiResults.Meta(context)), statusCode: status);
    }

    private static async Task<IResult> HistoryAsync(HttpContext context, IRequestClient<GetSaveHistory> saves, int? limit)
    {
        if (limit is < 1 or > MaxHistoryLimit)
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The request is not valid.", new Dictionary<string, string[]> { ["limit"] = [$"'limit' must be between 1 and {MaxHistoryLimit}."] });
        }

        var response = await saves.GetResponse<SaveHistory>(new GetSaveHistory(context.User.PlayerId(), limit ?? DefaultHistoryLimit), context.RequestAborted);
        return ApiResults.Ok(context, new { currentRevision = response.Message.CurrentRevision, revisions = response.Message.Revisions });
    }

    private static async Task<IResult> BackupsAsync(HttpContext context, IRequestClient<ListBackups> saves)
    {
        var response = await saves.GetResponse<BackupList>(new ListBackups(context.User.PlayerId()), context.RequestAborted);
        return ApiResults.Ok(context, new { backups = response.Message.Backups });
    }

    private static async Task<IResult> CreateBackupAsync(HttpContext context, IRequestClient<CreateBackup> saves)
    {
        var playerId = context.User.PlayerId();
        var commandId = CommandIdOrNew(context, playerId, "backup");
        if (commandId is null)
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The Idempotency-Key header must be at most 128 printable characters.");
        }

        var response = await saves.GetResponse<BackupCreated>(new CreateBackup(commandId.Value, playerId, context.TraceIdentifier), context.RequestAborted);
        return ApiResults.Ok(context, response.Message.Backup, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RestoreAsync(HttpContext context, Guid backupId, IRequestClient<RestoreBackup> saves)
    {
        var playerId = context.User.PlayerId();
        var commandId = CommandIdOrNew(context, playerId, $"restore:{backupId:N}");
        if (commandId is null)
        {
            return ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The Idempotency-Key header must be at most 128 printable characters.");
        }

        var response = await saves.GetResponse<BackupRestored, BackupNotFound>(new RestoreBackup(commandId.Value, playerId, context.TraceIdentifier, backupId), context.RequestAborted);
        if (response.Is(out Response<BackupRestored>? restored))
        {
            var r = restored!.Message;
            return ApiResults.Ok(context, new { backupId = r.BackupId, revision = r.Revision, preRestoreBackupId = r.PreRestoreBackupId, replayed = r.Replayed, restoredAt = r.RestoredAt });
        }

        return ApiResults.Error(context, 404, ErrorCodes.NotFound, "There is no backup with this id.");
    }

    /// <summary>The body, at most <see cref="MaxSaveBodyBytes"/>, checked here too so the limit holds behind any server.</summary>
    private static async Task<(byte[] Body, IResult? Refusal)> ReadBodyAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return ([], ApiResults.Error(context, 415, ErrorCodes.UnsupportedMediaType, "The body must be application/json."));
        }

        if (context.Request.ContentLength > MaxSaveBodyBytes)
        {
            return ([], ApiResults.Error(context, 413, ErrorCodes.PayloadTooLarge, $"A save upload is at most {MaxSaveBodyBytes / 1024} KiB."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxSaveBodyBytes)
            {
                return ([], ApiResults.Error(context, 413, ErrorCodes.PayloadTooLarge, $"A save upload is at most {MaxSaveBodyBytes / 1024} KiB."));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0
            ? ([], ApiResults.Error(context, 400, ErrorCodes.ValidationError, "A JSON body is required."))
            : (buffer.ToArray(), null);
    }

    private static Guid? CommandIdOrNew(HttpContext context, Guid playerId, string purpose)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl))
        {
            return null;
        }

        return key.Length == 0 ? NewId.NextGuid() : CommandIdFor(playerId, $"{purpose}:{key}");
    }

    private static Guid CommandIdFor(Guid playerId, string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{playerId:N}:{text}"), hash);
        return new Guid(hash[..16]);
    }
}
