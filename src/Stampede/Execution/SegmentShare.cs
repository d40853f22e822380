using Stampede.Plans.Executors;

namespace Stampede.Execution;

/// <summary>
/// What one segment runs of a scenario, as k6 splits each executor: VU counts (constant and per-VU VUs, shared
/// iterations' VUs, preAllocatedVUs, maxVUs) are the segment's share of them; shared iterations are the share of the
/// iterations over the tuple re-cut to the scenario's VUs; per-VU iterations stay per VU. Ramping VUs and the
/// arrival-rate schedules keep the plan's own numbers and follow a stripe instead, so that at every moment the
/// segments' VUs add up to the plan's VUs, and every arrival of the plan's schedule is started by exactly one segment
/// at the moment the plan's schedule has it.
/// </summary>
/// <param name="Executor">The options the segment runs.</param>
/// <param name="Iterations">The segment's places among the scenario's iterations and arrivals.</param>
/// <param name="Vus">The segment's places among a ramping-vus scenario's VUs.</param>
/// <param name="HasWork">False when the segment's share is nothing (a one-VU scenario split four ways runs on one segment).</param>
internal sealed record SegmentShare(ExecutorOptions Executor, IterationStripe Iterations, IterationStripe Vus, bool HasWork)
{
    public static SegmentShare Of(ExecutorOptions options, ExecutionTuple tuple)
    {
        if (tuple.IsWhole)
        {
            return new SegmentShare(options, IterationStripe.Whole, IterationStripe.Whole, true);
        }

        switch (options)
        {
            case ConstantVusOptions constant:
                var vus = tuple.Scale(constant.Vus);
                return new SegmentShare(constant with { Vus = vus }, IterationStripe.Whole, IterationStripe.Whole, vus > 0);
            case PerVuIterationsOptions perVu:
                var perVuVus = tuple.Scale(perVu.Vus);
                return new SegmentShare(perVu with { Vus = perVuVus }, IterationStripe.Whole, IterationStripe.Whole, perVuVus > 0);
            case SharedIterationsOptions shared:
                var sharedVus = tuple.Scale(shared.Vus);
                var byVus = tuple.ForValue(shared.Vus);
                var iterations = byVus is null ? 0 : byVus.Scale(shared.Iterations);
                return new SegmentShare(shared with { Vus = sharedVus, Iterations = iterations }, byVus?.Stripe ?? IterationStripe.Whole, IterationStripe.Whole, sharedVus > 0 && iterations > 0);
            case RampingVusOptions ramping:
                return new SegmentShare(ramping, IterationStripe.Whole, tuple.Stripe, true);
            case ArrivalRateOptions arrivals:
                var pre = tuple.Scale(arrivals.PreAllocatedVus);
                var max = arrivals.MaxVus == 0 ? 0 : tuple.Scale(arrivals.MaxVus);
                var byMaxVus = tuple.ForValue(arrivals.PeakVus);
                var scaled = arrivals switch
                {
                    ConstantArrivalRateOptions c => (ArrivalRateOptions)(c with { PreAllocatedVus = pre, MaxVus = max }),
                    RampingArrivalRateOptions r => r with { PreAllocatedVus = pre, MaxVus = max },
                    _ => throw new ArgumentOutOfRangeException(nameof(options), options.GetType().Name, "unknown arrival-rate executor"),
                };
                return new SegmentShare(scaled, byMaxVus?.Stripe ?? IterationStripe.Whole, IterationStripe.Whole, byMaxVus is not null && scaled.PeakVus > 0);
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.GetType().Name, "unknown executor");
        }
    }
}
