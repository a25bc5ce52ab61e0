using System.Text.Json;
using FluentValidation;
using LlamaWoolFarm.Contracts.Saves;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Services;

/// <summary>
/// The gateway's part of <c>PUT saves/current</c>: reading and checking the upload, naming its command, and turning
/// the saves worker's verdict into the answer. The endpoint only strings these together.
/// </summary>
public static class SaveUploads
{
    /// <summary>A save is a few kilobytes; 64 KiB leaves room for settings without inviting abuse.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The code of a conflict the worker settled (the answer says which upload won).</summary>
    public const string SaveConflict = "SAVE_CONFLICT";

    // The codes the saves worker refuses with; UNKNOWN_BASE_REVISION is a conflict with the server's revision.
    private static readonly Dictionary<string, int> RejectionStatus = new(StringComparer.Ordinal)
    {
        ["UNKNOWN_BASE_REVISION"] = StatusCodes.Status409Conflict,
    };

    /// <summary>
    /// The upload, read here rather than by the binder so that the 64 KiB limit holds behind any server, and checked
    /// by its validator; or the refusal (415, 413, 400 <c>VALIDATION_ERROR</c> naming the field).
    /// </summary>
    public static async Task<(SaveUploadRequest? Request, IResult? Refusal)> ReadAsync(HttpContext context, IValidator<SaveUploadRequest> validator, JsonSerializerOptions json)
    {
        var (body, refusal) = await ReadBodyAsync(context);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        SaveUploadRequest? request;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, Malformed(context, "body"));
        }

        using (document)
        {
            try
            {
                request = document.Deserialize<SaveUploadRequest>(json);
            }
            catch (JsonException e)
            {
                // Only the JSON path of the offending value is echoed, never the serializer's message.
                return (null, Malformed(context, string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.')));
            }
        }

        if (request is null)
        {
            return (null, ApiResults.Error(context, 400, ErrorCodes.ValidationError, "A JSON body is required."));
        }

        var validation = await validator.ValidateAsync(request, context.RequestAborted);
        if (validation.IsValid)
        {
            return (request, null);
        }

        var fields = validation.Errors
            .GroupBy(e => string.IsNullOrEmpty(e.PropertyName) ? "body" : char.ToLowerInvariant(e.PropertyName[0]) + e.PropertyName[1..])
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        return (null, ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The request is not valid.", fields));
    }

    /// <summary>
    /// The <see cref="UploadSave"/> command. Its id comes from the Idempotency-Key; without a key, the same upload
    /// (same base, save, checksum and choice) names the same command, so a client that resends after a lost answer
    /// gets the first answer instead of a second revision.
    /// </summary>
    public static UploadSave Command(SaveUploadRequest request, Guid playerId, IdempotencyKey? key, string requestId)
    {
        var save = request.Save!.Value.GetRawText();
        var commandId = key?.CommandId(playerId, "key")
            ?? CommandIds.Derive(playerId, $"body:{request.BaseRevision}:{request.Checksum}:{request.Keep}:{save}");
        return new UploadSave(commandId, playerId, requestId, request.BaseRevision!.Value, save, request.Checksum, request.Keep);
    }

    /// <summary>200 with the new revision, 409 <c>SAVE_CONFLICT</c> with the winner, or the worker's refusal (422, or 409 for an unknown base).</summary>
    public static IResult Answer(HttpContext context, Guid commandId, Response<SaveAccepted, SaveRejected, SaveConflictResolved> response)
    {
        if (response.Is(out Response<SaveAccepted>? accepted))
        {
            var a = accepted!.Message;
            return ApiResults.Ok(context, new Endpoints.SaveAcceptedView(commandId, a.Revision, a.Checksum, a.MigrationSteps, a.Replayed, a.AcceptedAt));
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

    private static IResult Malformed(HttpContext context, string field) =>
        ApiResults.Error(context, 400, ErrorCodes.ValidationError, "The body is not valid JSON for this request.", new Dictionary<string, string[]> { [field] = ["The value is malformed or of the wrong type."] });

    /// <summary>The body, at most <see cref="MaxBodyBytes"/>, checked here too so the limit holds behind any server.</summary>
    private static async Task<(byte[] Body, IResult? Refusal)> ReadBodyAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return ([], ApiResults.Error(context, 415, ErrorCodes.UnsupportedMediaType, "The body must be application/json."));
        }

        var tooLarge = $"A save upload is at most {MaxBodyBytes / 1024} KiB.";
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return ([], ApiResults.Error(context, 413, ErrorCodes.PayloadTooLarge, tooLarge));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return ([], ApiResults.Error(context, 413, ErrorCodes.PayloadTooLarge, tooLarge));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0
            ? ([], ApiResults.Error(context, 400, ErrorCodes.ValidationError, "A JSON body is required."))
            : (buffer.ToArray(), null);
    }
}
