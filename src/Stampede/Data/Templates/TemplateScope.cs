using System.Text;
using Bogus;
using Stampede.Data.DataSets;
using Stampede.Data.Questions;

namespace Stampede.Data.Templates;

/// <summary>
/// What templates read for one VU: its number, the current iteration, its variables, its data rows and its seeded
/// random, fake-data and question sources. Create one per VU and reuse it for every iteration; call
/// <see cref="BeginIteration(ITemplateVu)"/> (or <see cref="BeginIteration(long, long)"/>) at the start of each iteration.
/// A scope is used by one VU at a time and is not thread-safe.
/// </summary>
public sealed class TemplateScope
{
    private static readonly IReadOnlyDictionary<string, string> NoEnv = new Dictionary<string, string>();
    private readonly Func<string, object?> _lookupVariable;
    private readonly Dictionary<string, DataCursor> _cursors = new(StringComparer.Ordinal);
    private Faker? _faker;
    private QuestionGenerator? _questions;

    /// <summary>Creates the scope of VU <paramref name="vuId"/>.</summary>
    /// <param name="context">The run's shared context.</param>
    /// <param name="vuId">The VU's number from 1: seeds its random sources and places its sequential data cursors.</param>
    /// <param name="lookupVariable">Resolves a variable or capture by name (null when unknown). Default: no variables.</param>
    public TemplateScope(TemplateContext context, int vuId, Func<string, object?>? lookupVariable = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        VuId = vuId;
        VuIdInScenario = vuId;
        _lookupVariable = lookupVariable ?? (_ => null);
        Random = new Random(SeedMixer.Mix(context.Seed, vuId, SeedMixer.Templates));
        var rowRandom = new Random(SeedMixer.Mix(context.Seed, vuId, SeedMixer.DataRows));
        foreach (var (name, source) in context.Data)
        {
            _cursors[name] = new DataCursor(source.Set, source.Mode, source.OnExhausted, source.Shared, rowRandom, vuId);
        }
    }

    /// <summary>A scope for <paramref name="vu"/>: variables are <see cref="ITemplateVu.Vars"/>, and each <see cref="BeginIteration(ITemplateVu)"/> reads the VU's iteration and setup data.</summary>
    public static TemplateScope ForVu(TemplateContext context, ITemplateVu vu)
    {
        ArgumentNullException.ThrowIfNull(vu);
        var vars = vu.Vars;
        return new TemplateScope(context, vu.Id, name => vars.TryGetValue(name, out var value) ? value : null)
        {
            VuIdInScenario = vu.IdInScenario,
            ScenarioName = vu.Scenario,
            Env = vu.Env,
        };
    }

    /// <summary>The run's shared context.</summary>
    public TemplateContext Context { get; }

    /// <summary>The VU's number across the run (<c>vu.id</c>).</summary>
    public int VuId { get; }

    /// <summary>The VU's number within its scenario (<c>vu.idInScenario</c>). Default: <see cref="VuId"/>.</summary>
    public int VuIdInScenario { get; set; }

    /// <summary>The VU's iteration, from 0 (<c>vu.iteration</c>).</summary>
    public long Iteration { get; set; }

    /// <summary>The iteration's index across the scenario (<c>scenario.iteration</c>).</summary>
    public long ScenarioIteration { get; set; }

    /// <summary>The scenario's name (<c>scenario.name</c>). Default empty.</summary>
    public string ScenarioName { get; set; } = "";

    /// <summary>Environment variables (<c>env.NAME</c>). Default none.</summary>
    public IReadOnlyDictionary<string, string> Env { get; set; } = NoEnv;

    /// <summary>What setup returned (<c>setup.…</c>).</summary>
    public object? SetupData { get; set; }

    /// <summary>The VU's seeded random source for <c>random.*</c>.</summary>
    public Random Random { get; }

    internal StringBuilder Builder { get; } = new(256);

    internal Faker Faker => _faker ??= TemplateFunctions.CreateFaker(SeedMixer.Mix(Context.Seed, VuId, SeedMixer.Fake));

    internal QuestionGenerator Questions => _questions ??=
        new QuestionGenerator(Context.QuestionStrategy, SeedMixer.Mix(Context.Seed, VuId, SeedMixer.Questions), Context.QuestionTemplates);

    /// <summary>
    /// Starts an iteration of <paramref name="vu"/>: copies its iteration numbers and setup data and moves every data
    /// cursor to its next row. Returns false when a data set with <see cref="ExhaustedBehaviour.Stop"/> ran out: end the VU.
    /// </summary>
    public bool BeginIteration(ITemplateVu vu)
    {
        ArgumentNullException.ThrowIfNull(vu);
        SetupData = vu.SetupData;
        return BeginIteration(vu.Iteration, vu.IterationInScenario);
    }

    /// <summary>
    /// Starts an iteration: sets the iteration numbers and moves every data cursor to its next row. Returns false when a
    /// data set with <see cref="ExhaustedBehaviour.Stop"/> ran out: end the VU.
    /// </summary>
    public bool BeginIteration(long iteration, long scenarioIteration)
    {
        Iteration = iteration;
        ScenarioIteration = scenarioIteration;
        var more = true;
        foreach (var cursor in _cursors.Values)
        {
            more &= cursor.Next() is not null;
        }

        return more;
    }

    /// <summary>The VU's current row of data set <paramref name="name"/>, or null (unknown set, or before the first iteration).</summary>
    public IReadOnlyDictionary<string, string>? CurrentRow(string name) =>
        _cursors.TryGetValue(name, out var cursor) ? cursor.Current : null;

    /// <summary>The value of variable <paramref name="name"/>, or null.</summary>
    public object? LookupVariable(string name) => _lookupVariable(name);
}
