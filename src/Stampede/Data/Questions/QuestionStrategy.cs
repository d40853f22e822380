namespace Stampede.Data.Questions;

/// <summary>The kind of questions a <see cref="QuestionGenerator"/> asks.</summary>
public enum QuestionStrategy
{
    /// <summary>Events, people and eras: causes, consequences, comparisons.</summary>
    Historical,

    /// <summary>Arithmetic, algebra, percentages, geometry and number theory with generated numbers.</summary>
    Mathematical,

    /// <summary>Countries, cities, rivers and mountains: capitals, climate, travel, economy.</summary>
    Geographical,

    /// <summary>"What would happen if …" scenarios with twists.</summary>
    Hypothetical,

    /// <summary>Programming languages, databases and infrastructure: how-tos, trade-offs, debugging, design.</summary>
    Technical,

    /// <summary>An even mix of all the others. The default.</summary>
    Mixed,
}
