namespace Stampede.Protocols.Sse;

/// <summary>One dispatched Server-Sent Event.</summary>
/// <param name="Type">The <c>event:</c> field; <c>"message"</c> when the event had none.</param>
/// <param name="Data">The <c>data:</c> lines joined with <c>\n</c>.</param>
/// <param name="Id">The last event ID in force when the event was dispatched (empty when none).</param>
/// <param name="Timestamp">
/// <see cref="TimeProvider.GetTimestamp"/> of the network read that delivered the event's first byte.
/// </param>
/// <param name="Coalesced">
/// True when the event was completed by the same network read as the event before it: the two arrived together,
/// so the gap between them says nothing about the server's pacing.
/// </param>
public readonly record struct SseEvent(string Type, string Data, string Id, long Timestamp, bool Coalesced);
