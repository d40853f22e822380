namespace Stampede.Monitoring.Processes;

/// <summary>The target's command could not start or never became ready; the message says why, in the user's terms.</summary>
public sealed class TargetStartException(string message) : Exception(message);
