using LlamaWoolFarm.Realtime.Hubs;

namespace LlamaWoolFarm.Realtime.CatchUp;

/// <summary>
/// The hub's answer to <c>resume(lastSeq)</c>: <c>{ seq, resync, missed }</c>. <c>missed</c> holds the envelopes
/// numbered after <c>lastSeq</c>, in order, as they were pushed; <c>seq</c> is the player's latest number. With
/// <c>resync</c> the pushes missed are no longer kept: re-read the state over HTTP and carry on from <c>seq</c>.
/// </summary>
public sealed record ResumeAnswer(long Seq, bool Resync, IReadOnlyList<RealtimeMessage> Missed);
