namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>The outcome of one command (collection <c>commands</c>, and the recent list of the state).</summary>
public sealed class CommandRecord
{
    public Guid CommandId { get; set; }

    public Guid PlayerId { get; set; }

    public string ActionType { get; set; } = string.Empty;

    public string? Target { get; set; }

    public int Quantity { get; set; }

    /// <summary><c>completed</c> or <c>rejected</c>.</summary>
    public string Status { get; set; } = string.Empty;

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public Dictionary<string, string> Changes { get; set; } = [];

    public DateTimeOffset CompletedAt { get; set; }
}
