namespace Stampede.Protocols.WebSockets;

/// <summary>A ping (<see cref="IsPing"/>) or pong frame the peer sent, and the network read that delivered it.</summary>
internal readonly record struct WsControlFrame(bool IsPing, byte[] Payload, long Timestamp);
