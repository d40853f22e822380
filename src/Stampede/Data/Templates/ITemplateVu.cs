namespace Stampede.Data.Templates;

/// <summary>
/// What templates read of a virtual user: its numbers, its scenario and environment, its variables and the setup data.
/// The engine's VU context implements it; templates need nothing else of the engine.
/// </summary>
public interface ITemplateVu
{
    /// <summary>The VU's number across the run, from 1.</summary>
    int Id { get; }

    /// <summary>The VU's number within its scenario, from 1.</summary>
    int IdInScenario { get; }

    /// <summary>The VU's iteration, from 0.</summary>
    long Iteration { get; }

    /// <summary>The iteration's index across the scenario.</summary>
    long IterationInScenario { get; }

    /// <summary>The scenario's name.</summary>
    string Scenario { get; }

    /// <summary>The scenario's environment.</summary>
    IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>The VU's variables (captures and the like).</summary>
    IDictionary<string, object?> Vars { get; }

    /// <summary>What setup returned.</summary>
    object? SetupData { get; }
}
