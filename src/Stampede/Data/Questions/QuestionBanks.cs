using System.Globalization;

namespace Stampede.Data.Questions;

/// <summary>
/// The built-in question banks: for each strategy, forms of question whose slots are filled from the word lists in
/// <see cref="QuestionWords"/> or from number ranges. Built once per generator (cheap); the word lists are immutable.
/// </summary>
internal static class QuestionBanks
{
    public static QuestionSource For(QuestionStrategy strategy) => strategy switch
    {
        QuestionStrategy.Historical => Historical(),
        QuestionStrategy.Mathematical => Mathematical(),
        QuestionStrategy.Geographical => Geographical(),
        QuestionStrategy.Hypothetical => Hypothetical(),
        QuestionStrategy.Technical => Technical(),
        _ => new QuestionRotation([Historical(), Mathematical(), Geographical(), Hypothetical(), Technical()]),
    };

    private static QuestionRotation Text(params string[] forms) =>
        new([.. forms.Select(f => (QuestionSource)QuestionForm.FromText(f, QuestionWords.Find))]);

    private static QuestionRotation Historical() => Text(
        "What were the main causes of {event}, and how did it affect {aspect}?{style}",
        "How did {person} influence {aspect} in their time?{style}",
        "Compare {event} with {event2} in terms of {aspect}.{style}",
        "What was daily life like for {group} in {place} around the year {year}?{style}",
        "Who were the key figures of {event}, and what role did {person} play in how it is remembered in {country}?",
        "How is {event} taught in schools in {country} today, and why?{style}",
        "Describe the role of {aspect} in {place} during the {century} century.{style}",
        "What did {person} think about {aspect}, and how did those views change over time?{style}",
        "Which primary sources best explain {event}, and how reliable are they on {aspect}?{style}",
        "Why is {year} considered a turning point for {aspect} in {place}?{style}");

    private static QuestionRotation Geographical() => Text(
        "What is the capital of {country}, and what is it known for? I am visiting in {month} with {companions}.{style}",
        "How does the climate of {city} compare with that of {city2}?{style}",
        "Which countries does the {river} flow through, and why does it matter for {geoAspect} and {geoAspect2}?{style}",
        "Is {month} a good time to visit {city}, and what should I see there with {companions}?{style}",
        "What is the fastest way to travel from {city} to {city2}?{style}",
        "Describe the {geoAspect} of {country}.{style}",
        "How does {mountain} shape the {geoAspect} of the surrounding region, and how might that change over the next {decades} decades?{style}",
        "What languages are spoken in {country} and in {country2}, and how did that come about?{style}",
        "How has the {geoAspect} of {city} changed over the last {decades} decades?{style}",
        "What are the biggest environmental challenges facing {country}, and how is {geoAspect} affected?{style}");

    private static QuestionRotation Hypothetical() => Text(
        "What would happen to {group} {horizon} if {scenario}?{style}",
        "Imagine that {scenario}. How would that change {domain} {horizon}?{style}",
        "If {scenario} and {twist}, what would {group} notice first?{style}",
        "Suppose {scenario}, and at the same time {twist}. What would the world look like {horizon}?{style}",
        "How would {domain} be different today if {scenario}, given that {twist}?{style}",
        "If {twist}, would {domain} be better or worse off {horizon}? Why?{style}",
        "Write a short story about {domain} in a world where {scenario} and {twist}.{style}",
        "What are the risks and benefits of a world where {scenario}, for {group} {horizon}?{style}");

    private static QuestionRotation Technical() => Text(
        "How do I {task} in {tech}?{style}",
        "What are the trade-offs between {tech} and {tech2} for {usecase}?{style}",
        "Explain how {concept} works in {tech}.{style}",
        "What are common causes of {problem} in {tech}, and how do I debug them?{style}",
        "Write a {language} function that {codingTask}. Include {extra}.{style}",
        "How should I design {system} on {tech} to handle {load} requests per second?{style}",
        "What is the difference between {concept} and {concept2}?{style}",
        "How can I reduce {problem} when using {tech} for {usecase}?{style}",
        "Review this plan: use {tech} for {usecase}, with {concept} to avoid {problem}. What could go wrong?",
        "What should {role} know about {concept} before adopting {tech}?{style}");

    private static QuestionRotation Mathematical() => new(
    [
        Numbers([12, 9999], [12, 9999], (c, b) => b.Append("What is ").Append(c[0]).Append(" multiplied by ").Append(c[1]).Append('?')),
        Numbers([100, 999_999], [100, 999_999], (c, b) => b.Append("What is ").Append(c[0]).Append(" plus ").Append(c[1]).Append(", and how would you check the answer?")),
        Numbers([2, 99], [-50, 50], [-500, 500], (c, b) =>
            b.Append("Solve for x: ").Append(c[0]).Append("x ").Append(Signed(c[2])).Append(" = ").Append((c[0] * c[1]) + c[2]).Append('.')),
        Numbers([1, 99], [10, 99_999], (c, b) => b.Append("What is ").Append(c[0]).Append("% of ").Append(c[1]).Append('?')),
        Numbers([2, 12], [1, 9], [1, 99], [1, 999], (c, b) =>
            b.Append("Find the derivative of f(x) = ").Append(c[2]).Append("x^").Append(c[0]).Append(" + ").Append(c[1]).Append("x - ").Append(c[3]).Append('.')),
        Numbers([10, 2000], [1, 48], (c, b) =>
            b.Append("A train travels ").Append(c[0]).Append(" km in ").Append(c[1]).Append(" hours. What is its average speed in km/h?")),
        Numbers([12, 99_999], [12, 99_999], (c, b) => b.Append("What is the greatest common divisor of ").Append(c[0]).Append(" and ").Append(c[1]).Append('?')),
        Numbers([1_000, 9_999_999], (c, b) => b.Append("Is ").Append(c[0]).Append(" a prime number? Explain how you checked.")),
        Numbers([1, 5000], [0, 3], (c, b) =>
            b.Append("What is the ").Append(CircleQuantity[c[1]]).Append(" of a circle with a radius of ").Append(c[0]).Append(" cm?")),
        Numbers([100, 100_000], [1, 15], [1, 40], (c, b) =>
            b.Append("If you invest $").Append(c[0]).Append(" at ").Append(c[1]).Append("% annual interest compounded yearly, how much will you have after ").Append(c[2]).Append(" years?")),
        Numbers([100, 999_999], [0, 5], (c, b) =>
            b.Append("Convert ").Append(c[0]).Append(" from base 10 to base ").Append(Bases[c[1]]).Append('.')),
        Numbers([2, 9_999_999], (c, b) => b.Append("What is the square root of ").Append(c[0]).Append(", to three decimal places?")),
        Numbers([2, 99], [1, 99], [2, 5], (c, b) =>
            b.Append("A bag holds ").Append(c[0]).Append(" red and ").Append(c[1]).Append(" blue marbles. If you draw ").Append(c[2])
                .Append(" without replacement, what is the probability that all are red?")),
        Numbers([3, 60], [1, 500], (c, b) =>
            b.Append("A regular polygon has ").Append(c[0]).Append(" sides of ").Append(c[1]).Append(" cm each. What are its interior angles and its perimeter?")),
    ]);

    private static readonly string[] CircleQuantity = ["area", "circumference", "diameter", "area in square metres"];
    private static readonly int[] Bases = [2, 3, 5, 7, 8, 16];

    private static string Signed(long value) =>
        value < 0 ? "- " + (-value).ToString(CultureInfo.InvariantCulture) : "+ " + value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A form over inclusive number ranges; the renderer receives the chosen numbers, not their offsets.</summary>
    private static QuestionForm Numbers(long[] a, QuestionRenderer render) => Ranges([a], render);

    private static QuestionForm Numbers(long[] a, long[] b, QuestionRenderer render) => Ranges([a, b], render);

    private static QuestionForm Numbers(long[] a, long[] b, long[] c, QuestionRenderer render) => Ranges([a, b, c], render);

    private static QuestionForm Numbers(long[] a, long[] b, long[] c, long[] d, QuestionRenderer render) => Ranges([a, b, c, d], render);

    private static QuestionForm Ranges(long[][] ranges, QuestionRenderer render) =>
        new([.. ranges.Select(r => r[1] - r[0] + 1)], (choices, builder) =>
        {
            Span<long> values = stackalloc long[choices.Length];
            for (var i = 0; i < choices.Length; i++)
            {
                values[i] = ranges[i][0] + choices[i];
            }

            render(values, builder);
        });
}
