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
        saves.MapGet("/current", CurrentAsync)
            .WithSummary("The current save (the server's farm as a save document) with its revision and checksum.")
            .Answers<CurrentSaveView>();
        // The body is read by the endpoint itself (size limit, validator), so its schema is declared here.
        saves.MapPut("/current", UploadAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxSaveBodyBytes)).RefusedDuringMaintenance()
            .Accepts<SaveUploadRequest>("application/json")
            .WithSummary("Upload a save made from baseRevision; a save from an older base is a conflict settled by the rules (409 SAVE_CONFLICT with the winner in data).")
            .Answers<SaveAcceptedView>()
            .Refuses(StatusCodes.Status409Conflict, SaveUploads.SaveConflict, "UNKNOWN_BASE_REVISION")
            .Refuses(StatusCodes.Status422UnprocessableEntity, "INVALID_SAVE", "INVALID_NUMBER", "UNSUPPORTED_SAVE_VERSION", "INTEGRITY_MISMATCH", "SAVE_REJECTED");
        saves.MapGet("/history", HistoryAsync)
            .WithSummary("The latest save revisions (limit 1-100, default 20).")
            .Answers<SaveHistoryView>()
            .Refuses(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError);
        saves.MapGet("/backups", BackupsAsync)
            .WithSummary("The player's save backups.")
            .Answers<BackupsView>();
        saves.MapPost("/backups", CreateBackupAsync).RefusedDuringMaintenance()
            .WithSummary("Back the current save up.")
            .Answers<BackupSummary>(StatusCodes.Status201Created);
        saves.MapPost("/backups/{backupId:guid}/restore", RestoreAsync).RefusedDuringMaintenance()
            .WithSummary("Make a backup the current save (the save it replaces is backed up first).")
            .Answers<BackupRestoredView>()
            .Refuses(StatusCodes.Status404NotFound, ErrorCodes.NotFound);
        return api;
    }

    private static async Task<IResult> CurrentAsync(HttpContext context, IRequestClient<GetCurrentSave> saves)
    {
        var response = await saves.GetResponse<CurrentSave>(new GetCurrentSave(context.User.PlayerId()), context.RequestAborted);
        var current = response.Message;
        using var save = JsonDocument.Parse(current.Save);
        return ApiResults.Ok(context, new CurrentSaveView(current.Revision, save.RootElement.Clone(), current.Checksum, current.At));
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
        return ApiResults.Ok(context, new SaveHistoryView(response.Message.CurrentRevision, response.Message.Revisions));
    }

    private static async Task<IResult> BackupsAsync(HttpContext context, IRequestClient<ListBackups> saves)
    {
        var response = await saves.GetResponse<BackupList>(new ListBackups(context.User.PlayerId()), context.RequestAborted);
        return ApiResults.Ok(context, new BackupsView(response.Message.Backups));
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
            return ApiResults.Ok(context, new BackupRestoredView(r.BackupId, r.Revision, r.PreRestoreBackupId, r.Replayed, r.RestoredAt));
        }

        return ApiResults.Error(context, 404, ErrorCodes.NotFound, "There is no backup with this id.");
    }
}
