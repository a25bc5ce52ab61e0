using System.Text.Json;
using FluentValidation;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Maintenance;
using LlamaWoolFarm.Gateway.Requests;
using LlamaWoolFarm.Gateway.Services;
using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/saves</c>: save sync and backups, answered at once by the saves worker (request/response).
/// </summary>
public static class SavesEndpoints
{
    /// <summary>The largest upload (<see cref="SaveUploads.MaxBodyBytes"/>).</summary>
    public const int MaxSaveBodyBytes = SaveUploads.MaxBodyBytes;

    public const int DefaultHistoryLimit = 20;
    public const int MaxHistoryLimit = 100;

    public static RouteGroupBuilder MapSaves(this RouteGroupBuilder api)
    {
        var saves = api.MapGroup("/saves").WithTags("saves");
        saves.MapGet("/current", CurrentAsync);
        saves.MapPut("/current", UploadAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxSaveBodyBytes)).RefusedDuringMaintenance();
        saves.MapGet("/history", HistoryAsync);
        saves.MapGet("/backups", BackupsAsync);
        saves.MapPost("/backups", CreateBackupAsync).RefusedDuringMaintenance();
        saves.MapPost("/backups/{backupId:guid}/restore", RestoreAsync).RefusedDuringMaintenance();
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
        IdempotencyKey? key,
        IValidator<SaveUploadRequest> validator,
        IOptions<JsonOptions> json,
        IRequestClient<UploadSave> saves)
    {
        var (request, refusal) = await SaveUploads.ReadAsync(context, validator, json.Value.SerializerOptions);
        if (request is null)
        {
            return refusal!;
        }

        var upload = SaveUploads.Command(request, context.User.PlayerId(), key, context.TraceIdentifier);
        var response = await saves.GetResponse<SaveAccepted, SaveRejected, SaveConflictResolved>(upload, context.RequestAborted);
        return SaveUploads.Answer(context, upload.CommandId, response);
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

    private static async Task<IResult> CreateBackupAsync(IdempotencyKey? key, HttpContext context, IRequestClient<CreateBackup> saves)
    {
        var playerId = context.User.PlayerId();
        var commandId = CommandIds.For(key, playerId, "backup");
        var response = await saves.GetResponse<BackupCreated>(new CreateBackup(commandId, playerId, context.TraceIdentifier), context.RequestAborted);
        return ApiResults.Ok(context, response.Message.Backup, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RestoreAsync(HttpContext context, Guid backupId, IdempotencyKey? key, IRequestClient<RestoreBackup> saves)
    {
        var playerId = context.User.PlayerId();
        var commandId = CommandIds.For(key, playerId, $"restore:{backupId:N}");
        var response = await saves.GetResponse<BackupRestored, BackupNotFound>(new RestoreBackup(commandId, playerId, context.TraceIdentifier, backupId), context.RequestAborted);
        if (response.Is(out Response<BackupRestored>? restored))
        {
            var r = restored!.Message;
            return ApiResults.Ok(context, new { backupId = r.BackupId, revision = r.Revision, preRestoreBackupId = r.PreRestoreBackupId, replayed = r.Replayed, restoredAt = r.RestoredAt });
        }

        return ApiResults.Error(context, 404, ErrorCodes.NotFound, "There is no backup with this id.");
    }
}
