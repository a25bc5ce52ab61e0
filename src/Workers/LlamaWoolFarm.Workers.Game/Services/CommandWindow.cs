namespace LlamaWoolFarm.Workers.Game.Services;

/// <summary>
/// The deduplication window kept in a <see cref="GameStateDocument"/>: which commands it has applied recently and
/// which of their outcomes it holds in full. It only saves reads: a command missing from it is always looked up
/// in the <c>commands</c> collection, which holds every command ever applied.
/// </summary>
public static class CommandWindow
{
    /// <summary>Outcomes kept in full: enough for the redeliveries that follow a crash or a lost publish.</summary>
    public const int OutcomesKept = 8;

    /// <summary>Command ids kept: at a command a second, about a minute of play.</summary>
    public const int MarksKept = 64;

    /// <summary>The full outcome of a recent command, or null.</summary>
    public static CommandRecord? Outcome(GameStateDocument document, Guid commandId) =>
        document.RecentCommands.Find(r => r.CommandId == commandId);

    /// <summary>Whether the document's window says the command was applied.</summary>
    public static bool Applied(GameStateDocument document, Guid commandId) =>
        document.RecentCommandMarks.Exists(m => m.CommandId == commandId);

    /// <summary>
    /// Adds an applied command and trims the window, moving <see cref="GameStateDocument.ForgottenBefore"/>. Returns
    /// the outcomes that no longer fit in full: the caller makes sure each is in the <c>commands</c> collection before
    /// it writes the document, because a crash between a state write and its record insert leaves the document as
    /// the only witness that the command was applied.
    /// </summary>
    public static IReadOnlyList<CommandRecord> Add(GameStateDocument document, CommandRecord record)
    {
        document.RecentCommands.Add(record);
        document.RecentCommandMarks.Add(new CommandMark(record.CommandId, record.CompletedAt));
        IReadOnlyList<CommandRecord> dropped = [];
        if (document.RecentCommands.Count > OutcomesKept)
        {
            var excessOutcomes = document.RecentCommands.Count - OutcomesKept;
            dropped = document.RecentCommands.GetRange(0, excessOutcomes);
            document.RecentCommands.RemoveRange(0, excessOutcomes);
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

        return dropped;
    }
}
