using Stampede.Protocols.Http;

namespace Stampede.Yaml.Flows;

/// <summary>
/// Retries a request that failed at the network level or answered 429 or 5xx: up to <paramref name="Attempts"/> tries
/// in all, waiting <paramref name="Backoff"/>·2^(n-1) (capped at <paramref name="Max"/>) with jitter between tries.
/// Every try is recorded in the HTTP metrics, so retries never hide errors.
/// </summary>
internal sealed record RetryPolicy(int Attempts, TimeSpan Backoff, TimeSpan Max)
{
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    public static bool ShouldRetry(HttpResponse response) =>
        response.Error != HttpErrorKind.Cancelled && (response.Status == 0 || response.Status == 429 || response.Status >= 500);

    /// <summary>The wait before try number <paramref name="retry"/> + 1 (retry from 1): exponential, capped, with "equal jitter" (half fixed, half random).</summary>
    public TimeSpan Delay(int retry, Random random)
    {
        var exponential = Backoff.TotalMilliseconds * Math.Pow(2, retry - 1);
        var capped = Math.Min(exponential, Max > TimeSpan.Zero ? Max.TotalMilliseconds : exponential);
        return TimeSpan.FromMilliseconds(capped / 2 + random.NextDouble() * capped / 2);
    }
}
