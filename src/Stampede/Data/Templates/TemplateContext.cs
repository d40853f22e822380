using System.Collections.Frozen;
using Stampede.Data.DataSets;
using Stampede.Data.Questions;

namespace Stampede.Data.Templates;

/// <summary>
/// What every template of a run shares: the seed, the clock, the data sets and the question generator's settings.
/// Create one per run (it holds the run-wide positions of <see cref="PickMode.Unique"/> data sets); it is read-only
/// and thread-safe once built.
/// </summary>
public sealed class TemplateContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="seed">The plan's seed; each VU's random source is derived from it and the VU's number. Default 0.</param>
    /// <param name="time">The clock for <c>now.*</c>. Default: the system clock.</param>
    /// <param name="data">The data sets templates may read as <c>data.NAME.column</c>.</param>
    public TemplateContext(int seed = 0, TimeProvider? time = null, IEnumerable<DataSource>? data = null)
    {
        Seed = seed;
#pragma warning disable RS0030 // a composition root of the public API: a caller that gives no clock gets the system's
        Time = time ?? TimeProvider.System;
#pragma warning restore RS0030
        Data = (data ?? []).ToFrozenDictionary(d => d.Set.Name, StringComparer.Ordinal);
    }

    /// <summary>The plan's seed.</summary>
    public int Seed { get; }

    /// <summary>The clock for <c>now.*</c>.</summary>
    public TimeProvider Time { get; }

    /// <summary>Data sets by name.</summary>
    public IReadOnlyDictionary<string, DataSource> Data { get; }

    /// <summary>The strategy behind <c>{{ question }}</c>. Default <see cref="QuestionStrategy.Mixed"/>.</summary>
    public QuestionStrategy QuestionStrategy { get; init; } = QuestionStrategy.Mixed;

    /// <summary>Custom question templates; when set, <c>{{ question }}</c> draws only from them. Default none.</summary>
    public IReadOnlyList<QuestionTemplate>? QuestionTemplates { get; init; }
}
