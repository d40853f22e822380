namespace Stampede.Outputs.Dashboard;

/// <summary>
/// What <c>stampede ui</c>'s start form shows before the run: the load the command line gave (empty fields keep
/// the plan's own).
/// </summary>
/// <param name="Vus">VUs, or null for the plan's.</param>
/// <param name="Rate">Iterations per second, or null for the plan's.</param>
/// <param name="Duration">How long, as typed (<c>30s</c>), or null for the plan's.</param>
/// <param name="TimeoutSeconds">How long the page waits for Start before the command gives up.</param>
internal sealed record DashboardStartForm(int? Vus, double? Rate, string? Duration, double TimeoutSeconds);
