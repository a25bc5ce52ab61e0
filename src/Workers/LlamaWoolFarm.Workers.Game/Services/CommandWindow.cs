namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The deduplication window kept in a <see cref="GameStateDocument"/>: which commands it has applied, which of
/// their outcomes it holds in full, and whether a command may have been applied so long ago that only the
/// <c>commands</c> collection still knows it.
/// </summary>
public static class CommandWindow
{
    /// <summary>Outcomes kept in full: enough for the redeliveries that follow a crash or a lost publish.</summary>
    public const int OutcomesKept = 8;

    /// <summary>Command ids kept: at a command a second, about a minute of play.</summary>
    public const int MarksKept = 64;

    /// <summary>
    /// How far the gateway's clock (which stamps <c>IssuedAt</c>) may be ahead of the worker's (which stamps marks).
    /// Beyond it, a redelivered command that fell out of the window could be taken for a new one.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>The full outcome of a recent command, or null.</summary>
    public static CommandRecord? Outcome(GameStateDocument document, Guid commandId) =>
        document.RecentCommands.Find(r => r.CommandId == commandId);

    /// <summary>Whether the document's window says the command was applied.</summary>
    public static bool Applied(GameStateDocument document, Guid commandId) =>
        document.RecentCommandMarks.Exists(m => m.CommandId == commandId);

    /// <summary>
    /// Whether a command missing from the window could still have been applied before it: only then is the
    /// <c>commands</c> collection read. A command issued after everything the window forgot cannot have been.
    /// </summary>
    public static bool MayHaveBeenForgotten(GameStateDocument document, DateTimeOffset? issuedAt) =>
        document.ForgottenBefore is not { } forgotten || issuedAt is not { } issued || issued <= forgotten + ClockSkew;

    /// <summary>Adds an applied command and trims the window, moving <see cref="GameStateDocument.ForgottenBefore"/>.</summary>
    public static void Add(GameStateDocument document, CommandRecord record)
    {
        Upgrade(document);
        document.RecentCommands.Add(record);
        document.RecentCommandMarks.Add(new CommandMark(record.CommandId, record.CompletedAt));
        if (document.RecentCommands.Count > OutcomesKept)
        {
            document.RecentCommands.RemoveRange(0, document.RecentCommands.Count - OutcomesKept);
        }

        var excess = document.RecentCommandMarks.Count - MarksKept;
        for (var i = 0; i < excess; i++)
        {
            var at = document.RecentCommandMarks[i].At;
            if (at > document.ForgottenBefore)
            {
                document.ForgottenBefore = at;
            }
        }

        if (excess > 0)
        {
            document.RecentCommandMarks.RemoveRange(0, excess);
        }
    }

    /// <summary>Starts the window of a new document: nothing forgotten yet.</summary>
    public static void Start(GameStateDocument document) => document.ForgottenBefore = DateTimeOffset.MinValue;

    // A document written before marks existed kept its last 64 outcomes in full: they become marks, and anything it
    // forgot was applied before the oldest of them.
    private static void Upgrade(GameStateDocument document)
    {
        if (document.ForgottenBefore is not null)
        {
            return;
        }

        document.RecentCommandMarks = [.. document.RecentCommands.Select(r => new CommandMark(r.CommandId, r.CompletedAt))];
        document.ForgottenBefore = document.RecentCommands.Count > 0 ? document.RecentCommands[0].CompletedAt : DateTimeOffset.MinValue;
    }
}
