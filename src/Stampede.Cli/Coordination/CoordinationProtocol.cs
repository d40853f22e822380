namespace Stampede.Cli.Coordination;

/// <summary>The coordinator's addresses and the header that carries the run's token, for both ends.</summary>
internal static class CoordinationProtocol
{
    public const string Join = "/join";

    public const string Start = "/start";

    public const string Progress = "/progress";

    public const string Result = "/result";

    public const string Failed = "/failed";

    public const string Setup = "/setup";

    public const string Teardown = "/teardown";

    /// <summary>The query parameter naming the worker (its id from the assignment).</summary>
    public const string WorkerParameter = "worker";

    /// <summary>Every request carries <c>Authorization: Bearer TOKEN</c>.</summary>
    public const string Scheme = "Bearer";
}
