namespace LlamaWoolFarm.Contracts.Saves;

/// <summary>
/// A device uploads its save (request/response: the client needs the verdict at once). <c>Save</c> is the save's
/// JSON text exactly as the client sent it, so the checksum is computed over what the client hashed. Answered with
/// <see cref="SaveAccepted"/>, <see cref="SaveRejected"/> or <see cref="SaveConflictResolved"/>; <c>Keep</c> is
/// null, <c>server</c> or <c>device</c>.
/// </summary>
public sealed record UploadSave(Guid CommandId, Guid PlayerId, string? RequestId, long BaseRevision, string Save, string? Checksum, string? Keep);
