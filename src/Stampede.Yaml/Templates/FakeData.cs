namespace Stampede.Yaml.Templates;

/// <summary>Small, dependency-free fake values for templates: <c>fake.firstName</c>, <c>fake.lastName</c>, <c>fake.name</c>, <c>fake.email</c>, <c>fake.word</c>, <c>fake.sentence</c>.</summary>
internal static class FakeData
{
    public static readonly IReadOnlyList<string> Kinds = ["firstName", "lastName", "name", "email", "word", "sentence"];

    private static readonly string[] FirstNames = ["Motoko", "Batou", "Togusa", "Aramaki", "Ishikawa", "Saito", "Paz", "Borma", "Ada", "Alan", "Grace", "Linus"];
    private static readonly string[] LastNames = ["Kusanagi", "Lovelace", "Turing", "Hopper", "Torvalds", "Knuth", "Liskov", "Ritchie"];
    private static readonly string[] Words = ["mission", "signal", "network", "ghost", "shell", "vector", "cluster", "latency", "stream", "packet", "orbit", "harbor"];

    public static string? Value(string? kind, Random random) => kind switch
    {
        "firstName" => Pick(FirstNames, random),
        "lastName" => Pick(LastNames, random),
        "name" => $"{Pick(FirstNames, random)} {Pick(LastNames, random)}",
        "email" => $"{Pick(FirstNames, random).ToLowerInvariant()}.{random.Next(100_000):D5}@example.com",
        "word" => Pick(Words, random),
        "sentence" => string.Join(' ', Enumerable.Range(0, 6).Select(_ => Pick(Words, random))) + ".",
        _ => null,
    };

    private static string Pick(string[] items, Random random) => items[random.Next(items.Length)];
}
