using System.Text.Json;
using FluentValidation;

namespace LlamaWoolFarm.Gateway.Requests;

/// <summary><c>PUT saves/current</c>: <c>{ baseRevision, save, checksum?, keep? }</c>.</summary>
public sealed record SaveUploadRequest(long? BaseRevision, JsonElement? Save, string? Checksum, string? Keep);

public sealed class SaveUploadRequestValidator : AbstractValidator<SaveUploadRequest>
{
    public static readonly string[] KeepChoices = ["server", "device"];

    public SaveUploadRequestValidator()
    {
        RuleFor(r => r.BaseRevision).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.Save)
            .Must(s => s is { ValueKind: JsonValueKind.Object }).WithMessage("'Save' must be a JSON object (the game save).");
        RuleFor(r => r.Checksum)
            .Matches("^[0-9a-fA-F]{64}$").When(r => r.Checksum is not null).WithMessage("'Checksum' must be the 64 hex digits of a SHA-256.");
        RuleFor(r => r.Keep)
            .Must(k => k is null || KeepChoices.Contains(k, StringComparer.Ordinal)).WithMessage($"'Keep' must be one of: {string.Join(", ", KeepChoices)}.");
    }
}
