namespace Stampede.Plans.Executors;

/// <summary>What an arrival-rate executor does with an arrival that finds every VU busy and no VU left to create.</summary>
public enum ArrivalOverflow
{
    /// <summary>
    /// The arrival waits in a bounded first-in-first-out backlog and starts as soon as a VU frees; everything
    /// measured from its scheduled start (<c>iteration_lateness</c>, <c>iteration_response_time</c>,
    /// <c>*_scheduled</c>) includes the wait, as wrk2 counts it. The default.
    /// </summary>
    Queue,

    /// <summary>The arrival is not started and is counted in <c>dropped_iterations</c> (k6's behaviour).</summary>
    Drop,
}
