namespace LlamaWoolFarm.Storage.PushHistory;

/// <summary>
/// What a client that processed a player's pushes up to some sequence number missed. <paramref name="Seq"/> is the
/// player's latest sequence number (the next push gets <c>Seq + 1</c>). With <paramref name="Resync"/> false,
/// <paramref name="Missed"/> holds every push after the client's number, in order and without a gap; with it true the
/// history cannot show what was missed (older than the history, or the history was lost), <paramref name="Missed"/>
/// is empty, and the client re-reads its state and carries on from <paramref name="Seq"/>.
/// </summary>
public sealed record PushReplay(long Seq, bool Resync, IReadOnlyList<SequencedPush> Missed)
{
    /// <summary>
    /// The answer for a client at <paramref name="lastSeq"/>, given the player's latest number and the kept pushes
    /// after <paramref name="lastSeq"/> in order; pushes kept since before <paramref name="notBefore"/> are past
    /// retention and do not count.
    /// </summary>
    public static PushReplay For(long lastSeq, long latest, IEnumerable<SequencedPush> keptAfter, DateTimeOffset notBefore)
    {
        if (lastSeq == latest)
        {
            return new PushReplay(latest, false, []);
        }

        var missed = keptAfter.SkipWhile(p => p.Push.Timestamp < notBefore).ToList();
        // A client ahead of the server saw numbers of a history that was lost; one behind the oldest kept push missed
        // pushes nobody kept. Either way only its state can tell it where it is.
        var complete = lastSeq < latest
            && missed.Count == latest - lastSeq
            && missed[0].Seq == lastSeq + 1
            && missed[^1].Seq == latest;
        return complete ? new PushReplay(latest, false, missed) : new PushReplay(latest, true, []);
    }
}
